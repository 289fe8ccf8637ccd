import { el } from '../shared/dom.js';
import { factDates } from './graph-view.js';
import { kindIcon, KIND_STYLES } from './kinds.js';
import type { EntitySummary, RelationDetails } from './queries.js';

/** The side panel: what is selected, an entity or a fact with its sources. */

export interface FactInView {
  id: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  status: string | null;
  /** The entity at the other end. */
  other: EntitySummary;
  outgoing: boolean;
}

export interface EntityActions {
  isCentre: boolean;
  isExpanded: boolean;
  centre(): void;
  expand(): void;
  openFact(id: string): void;
}

/** A link that opens the entity's facts as a query in the playground, to go from looking to querying. */
function playgroundLink(id: string): string {
  const query = `query Entity($id: ID!) {
  entity(id: $id) {
    id
    kind
    name
    aliases
    description
    relations {
      type
      status
      startDate
      endDate
      from { id name }
      to { id name }
      citations { quote source { title publisher publishedOn url } }
    }
  }
}
`;
  const params = new URLSearchParams({ query, variables: JSON.stringify({ id }) });
  return `/?${params.toString()}`;
}

function entityHeading(entity: EntitySummary): HTMLElement {
  return el(
    'header',
    { class: 'detail-header' },
    el('div', { class: 'detail-kind' }, kindIcon(entity.kind, 14), KIND_STYLES[entity.kind].label),
    el('h2', {}, entity.name),
    el('code', { class: 'detail-id' }, entity.id),
  );
}

function field(label: string, value: string | null | undefined): HTMLElement | null {
  if (!value) return null;
  return el('div', { class: 'field' }, el('dt', {}, label), el('dd', {}, value));
}

export function renderIntro(panel: HTMLElement, suggestions: Array<{ id: string; label: string }>, pick: (id: string) => void): void {
  const buttons = suggestions.map((s) => {
    const button = el('button', { type: 'button', class: 'chip', 'data-id': s.id }, s.label);
    button.addEventListener('click', () => pick(s.id));
    return button;
  });
  panel.replaceChildren(
    el(
      'div',
      { class: 'intro' },
      el('h2', {}, 'Explore the graph'),
      el('p', {}, 'Search for a country, an organization, a treaty or a person, and see what the sources say about it.'),
      el('div', { class: 'chips' }, ...buttons),
      el(
        'ul',
        { class: 'hints' },
        el('li', {}, 'Click a node to add its own neighbors.'),
        el('li', {}, 'Click a line to read the fact, its dates and its sources.'),
        el('li', {}, 'Filter by fact type, kind and date on the left; the address bar keeps the view, so a link shares it.'),
      ),
    ),
  );
}

export function renderEntity(panel: HTMLElement, entity: EntitySummary, facts: FactInView[], actions: EntityActions): void {
  const centre = el('button', { type: 'button', class: 'button', 'data-action': 'centre' }, 'Centre the view here');
  centre.addEventListener('click', () => actions.centre());
  const expand = el('button', { type: 'button', class: 'button', 'data-action': 'expand' }, 'Show its neighbors');
  expand.addEventListener('click', () => actions.expand());
  const buttons = el(
    'div',
    { class: 'actions' },
    actions.isCentre ? null : centre,
    actions.isCentre || actions.isExpanded ? null : expand,
    el('a', { class: 'button subtle', href: playgroundLink(entity.id) }, 'Query in the playground'),
  );
  const list = el(
    'ul',
    { class: 'fact-list' },
    ...facts.map((fact) => {
      const button = el(
        'button',
        { type: 'button', class: 'fact-item', 'data-fact': fact.id },
        el('span', { class: 'fact-type' }, fact.outgoing ? `${fact.type} →` : `← ${fact.type}`),
        el('span', { class: 'fact-other' }, kindIcon(fact.other.kind, 12), fact.other.name),
        el('span', { class: 'fact-date' }, [factDates(fact), fact.status].filter(Boolean).join(' · ')),
      );
      button.addEventListener('click', () => actions.openFact(fact.id));
      return el('li', {}, button);
    }),
  );
  panel.replaceChildren(
    el(
      'article',
      { class: 'detail', 'data-entity': entity.id },
      entityHeading(entity),
      entity.description ? el('p', { class: 'description' }, entity.description) : null,
      buttons,
      el('h3', {}, `Facts in view (${facts.length})`),
      facts.length > 0 ? list : el('p', { class: 'muted' }, 'No fact of this entity is drawn with the current filters.'),
    ),
  );
}

export function renderRelation(panel: HTMLElement, relation: RelationDetails, openEntity: (id: string) => void): void {
  const endpoint = (entity: EntitySummary): HTMLElement => {
    const button = el('button', { type: 'button', class: 'endpoint', 'data-id': entity.id }, kindIcon(entity.kind, 14), entity.name);
    button.addEventListener('click', () => openEntity(entity.id));
    return button;
  };
  const sources = relation.citations.map((citation) => {
    const source = citation.source;
    const title = source.url
      ? el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title)
      : el('span', {}, source.title);
    const meta = [source.publisher, source.section, source.publishedOn].filter(Boolean).join(' · ');
    return el(
      'li',
      { class: 'citation' },
      citation.quote ? el('blockquote', {}, `“${citation.quote}”`) : null,
      el('div', { class: 'source-title' }, title),
      meta ? el('div', { class: 'source-meta' }, meta) : null,
    );
  });
  panel.replaceChildren(
    el(
      'article',
      { class: 'detail', 'data-fact': relation.id },
      el(
        'header',
        { class: 'detail-header' },
        el('div', { class: 'detail-kind' }, 'Fact'),
        el('h2', { class: 'fact-heading' }, relation.type),
        el('div', { class: 'endpoints' }, endpoint(relation.from), el('span', { class: 'arrow' }, '→'), endpoint(relation.to)),
      ),
      relation.summary ? el('p', { class: 'description' }, relation.summary) : null,
      el(
        'dl',
        { class: 'fields' },
        field('Status', relation.status),
        field('Role', relation.role),
        field('Start', relation.startDate),
        field('End', relation.endDate),
        relation.startDate || relation.endDate ? null : field('Dates', 'not stated'),
      ),
      el('h3', {}, relation.citations.length === 1 ? 'Source' : `Sources (${relation.citations.length})`),
      el('ol', { class: 'citations' }, ...sources),
      el('code', { class: 'detail-id' }, relation.id),
    ),
  );
}

export function renderMessage(panel: HTMLElement, message: string, tone: 'muted' | 'error' = 'muted'): void {
  panel.replaceChildren(el('p', { class: tone === 'error' ? 'error' : 'muted' }, message));
}
