import { el } from '../shared/dom.js';
import { factDates } from './graph-view.js';
import { kindIcon, KIND_STYLES } from './kinds.js';
import type { Conflict, EntitySummary, Rank, RelationDetails } from './queries.js';

/** The side panel: what is selected, an entity or a fact with its sources. */

export interface FactInView {
  id: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  status: string | null;
  rank: Rank;
  rankReason: string | null;
  /** Part of a conflict group: sources disagree. */
  conflict: boolean;
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
        el('li', {}, 'Orange lines are facts on which sources disagree; “Known on” shows the graph as it was recorded on a past day.'),
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
        { type: 'button', class: `fact-item${fact.rank === 'DEPRECATED' ? ' deprecated' : ''}`, 'data-fact': fact.id },
        el('span', { class: 'fact-type' }, fact.outgoing ? `${fact.type} →` : `← ${fact.type}`),
        el('span', { class: 'fact-other' }, kindIcon(fact.other.kind, 12), fact.other.name),
        el('span', { class: 'fact-date' }, [factDates(fact), fact.status].filter(Boolean).join(' · ')),
        fact.conflict ? el('span', { class: 'badge conflict', title: 'Sources disagree on this fact' }, 'conflict') : null,
        fact.rank === 'DEPRECATED' ? el('span', { class: 'badge deprecated', title: fact.rankReason ?? '' }, 'deprecated') : null,
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

/** Where a relation is read from: now, or the graph as known at an instant (its state then). */
export interface RelationContext {
  /** The conflict group the fact belongs to, if sources disagree on it. */
  conflict: Conflict | undefined;
  /** The instant the fact was read at; null for now. */
  knownAt: string | null;
  openEntity(id: string): void;
  openFact(id: string): void;
}

function sourceList(citations: RelationDetails['citations']): HTMLElement[] {
  return citations.map((citation) => {
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
}

const CONFLICT_KINDS: Record<Conflict['kinds'][number], string> = { STATUS: 'status', DATES: 'dates' };

/** The facts of a conflict side by side, newest evidence first: what each source says. */
function conflictGroup(conflict: Conflict, current: string, open: (id: string) => void): HTMLElement {
  const columns = conflict.facts.map((fact) => {
    const button = el('button', { type: 'button', class: 'link-button', 'data-open': fact.id }, fact.id === current ? 'this fact' : 'open');
    button.addEventListener('click', () => open(fact.id));
    return el(
      'div',
      { class: `conflict-column${fact.id === current ? ' current' : ''}`, 'data-conflict-fact': fact.id },
      el(
        'dl',
        { class: 'fields' },
        field('Status', fact.status ?? '—'),
        field('Dates', factDates(fact) || 'not stated'),
        fact.rank === 'NORMAL' ? null : field('Rank', fact.rank.toLowerCase()),
      ),
      el('ol', { class: 'citations' }, ...sourceList(fact.citations)),
      button,
    );
  });
  return el(
    'section',
    { class: 'conflict-group', 'data-conflict': conflict.id },
    el('h3', {}, `Sources disagree on its ${conflict.kinds.map((k) => CONFLICT_KINDS[k]).join(' and ')}`),
    el('p', { class: 'hint' }, `${conflict.facts.length} facts ${conflict.type} from ${conflict.from.name} to ${conflict.to.name}, newest evidence first.`),
    el('div', { class: 'conflict-columns' }, ...columns),
  );
}

export function renderRelation(panel: HTMLElement, relation: RelationDetails, context: RelationContext): void {
  const endpoint = (entity: EntitySummary): HTMLElement => {
    const button = el('button', { type: 'button', class: 'endpoint', 'data-id': entity.id }, kindIcon(entity.kind, 14), entity.name);
    button.addEventListener('click', () => context.openEntity(entity.id));
    return button;
  };
  const deprecated = relation.rank === 'DEPRECATED';
  panel.replaceChildren(
    el(
      'article',
      { class: `detail${deprecated ? ' deprecated' : ''}`, 'data-fact': relation.id, 'data-rank': relation.rank },
      el(
        'header',
        { class: 'detail-header' },
        el('div', { class: 'detail-kind' }, 'Fact'),
        el('h2', { class: 'fact-heading' }, relation.type),
        el('div', { class: 'endpoints' }, endpoint(relation.from), el('span', { class: 'arrow' }, '→'), endpoint(relation.to)),
      ),
      context.knownAt ? el('p', { class: 'known-at-note' }, `As known at ${context.knownAt}.`) : null,
      deprecated
        ? el('p', { class: 'rank-note deprecated' }, el('strong', {}, 'Deprecated: '), relation.rankReason ?? 'no reason given')
        : null,
      relation.summary ? el('p', { class: 'description' }, relation.summary) : null,
      el(
        'dl',
        { class: 'fields' },
        field('Status', relation.status),
        field('Role', relation.role),
        field('Start', relation.startDate),
        field('End', relation.endDate),
        relation.startDate || relation.endDate ? null : field('Dates', 'not stated'),
        relation.rank === 'NORMAL' ? null : field('Rank', relation.rank.toLowerCase()),
        relation.rank === 'PREFERRED' ? field('Why', relation.rankReason) : null,
      ),
      context.conflict ? conflictGroup(context.conflict, relation.id, context.openFact) : null,
      el('h3', {}, relation.citations.length === 1 ? 'Source' : `Sources (${relation.citations.length})`),
      el('ol', { class: 'citations' }, ...sourceList(relation.citations)),
      el('code', { class: 'detail-id' }, relation.id),
    ),
  );
}

export function renderMessage(panel: HTMLElement, message: string, tone: 'muted' | 'error' = 'muted'): void {
  panel.replaceChildren(el('p', { class: tone === 'error' ? 'error' : 'muted' }, message));
}
