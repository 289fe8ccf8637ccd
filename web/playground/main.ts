import type { ReactElement } from 'react';
import { EXAMPLES, type ExampleOperation } from './examples.js';
import './playground.css';

// React, ReactDOM and GraphiQL come from the UMD files loaded before this bundle, so there is one React.
const { React, ReactDOM, GraphiQL } = window;
const h = React.createElement;
const { useEditorContext } = GraphiQL.React;

function ExamplesIcon(): ReactElement {
  // A book with a bookmark, drawn like GraphiQL's own sidebar icons (stroke, currentColor).
  return h(
    'svg',
    { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true },
    h('path', { d: 'M4 5.5A2.5 2.5 0 0 1 6.5 3H20v15H6.5A2.5 2.5 0 0 0 4 20.5v-15Z', strokeLinejoin: 'round' }),
    h('path', { d: 'M4 20.5A2.5 2.5 0 0 0 6.5 23H20v-5', strokeLinejoin: 'round' }),
    h('path', { d: 'M9 3v7l2.5-1.5L14 10V3', strokeLinejoin: 'round' }),
  );
}

/** The Examples panel: each example opens in its own tab, or brings its tab forward when already open. */
function ExamplesPanel(): ReactElement {
  const editor = useEditorContext({ nonNull: true });
  const [pending, setPending] = React.useState<ExampleOperation | null>(null);

  // addTab() opens an empty tab; its editors exist once React has rendered it, so fill them afterwards.
  React.useEffect(() => {
    if (!pending || !editor.queryEditor) return;
    editor.queryEditor.setValue(pending.query);
    editor.variableEditor?.setValue(pending.variables ?? '');
    setPending(null);
  }, [pending, editor.activeTabIndex, editor.queryEditor, editor.variableEditor]);

  const open = (example: ExampleOperation): void => {
    const index = editor.tabs.findIndex((tab) => tab.operationName === example.name || tab.title === example.name);
    if (index >= 0) {
      editor.changeTab(index);
    } else {
      editor.addTab();
      setPending(example);
    }
  };

  return h(
    'section',
    { className: 'kg-examples', 'aria-label': 'Example operations' },
    h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
    h(
      'p',
      { className: 'kg-examples-intro' },
      'Questions the article answers, ready to run. Pick one, then press ',
      h('kbd', null, 'Ctrl'),
      ' + ',
      h('kbd', null, 'Enter'),
      ' or the run button.',
    ),
    h(
      'ul',
      null,
      EXAMPLES.map((example) =>
        h(
          'li',
          { key: example.name },
          h(
            'button',
            { type: 'button', className: 'kg-example', 'data-example': example.name, onClick: () => open(example) },
            h('span', { className: 'kg-example-name' }, example.name),
            h('span', { className: 'kg-example-question' }, example.question),
          ),
        ),
      ),
    ),
    h(
      'p',
      { className: 'kg-examples-intro' },
      'The Docs panel documents every type and field; the editor completes names as you type. ',
      'Prefer pictures? ',
      h('a', { href: '/explore' }, 'Open the graph explorer'),
      ', or ',
      h('a', { href: '/dashboard?id=country:IRN' }, "Iran's dashboard"),
      ' (counts from the facets query).',
    ),
  );
}

const examplesPlugin = { title: 'Examples', icon: ExamplesIcon, content: ExamplesPanel };

/** `/?query=…&variables=…` opens that operation, so a query can be shared as a link. */
function linkedOperation(): { query: string; variables?: string } | null {
  const params = new URLSearchParams(window.location.search);
  const query = params.get('query');
  const variables = params.get('variables');
  return query ? { query, ...(variables ? { variables } : {}) } : null;
}

/** GraphiQL keeps its tabs in localStorage under this key: none means a first visit. */
const firstVisit = window.localStorage.getItem('graphiql:tabState') === null;
const linked = linkedOperation();
const first = EXAMPLES[0];
// GraphiQL 4 fills the first tab's variables editor from the `variables` prop, not from defaultTabs.
const initial = linked ?? (firstVisit && first?.variables ? { variables: first.variables } : {});

/**
 * A first visit opens the Examples panel. GraphiQL 4 decides whether the panel is shown before plugins are
 * registered, so `visiblePlugin` alone leaves it closed: press its sidebar button instead, once it exists.
 */
function openExamplesPanel(triesLeft = 50): void {
  const button = document.querySelector<HTMLButtonElement>('.graphiql-sidebar button[aria-label="Show Examples"]');
  if (button) button.click();
  else if (triesLeft > 0) window.setTimeout(() => openExamplesPanel(triesLeft - 1), 50);
}

const root = document.getElementById('graphiql');
if (!root) throw new Error('the page has no #graphiql element');

ReactDOM.createRoot(root).render(
  h(
    GraphiQL,
    {
      // Subscriptions go over graphql-ws on the same path (GraphiQL's UMD build carries the graphql-ws client).
      fetcher: GraphiQL.createFetcher({ url: '/graphql', subscriptionUrl: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql` }),
      defaultTabs: EXAMPLES.map((example) => ({ query: example.query, variables: example.variables ?? null })),
      defaultEditorToolsVisibility: true,
      plugins: [examplesPlugin],
      ...initial,
    },
    h(
      GraphiQL.Logo,
      null,
      h(
        'a',
        { className: 'kg-logo-link', href: '/explore', title: 'Open the graph explorer' },
        h('img', { src: '/favicon.svg', alt: '', width: 22, height: 22 }),
        'Explorer',
      ),
    ),
  ),
);
if (firstVisit) openExamplesPanel();
