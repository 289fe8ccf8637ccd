import { ENTITY_KINDS, RANK_SELECTIONS, type EntityKind, type RankSelection } from './queries.js';

/**
 * Everything a view is made of, kept in the URL's query string so a view can be shared, bookmarked and
 * restored by the back button:
 * `?id=country:IRN&depth=2&types=MEMBER_OF,PARTY_TO&asOf=2021-10-01&rank=ALL&knownAt=2026-11-30&expand=org:sco`.
 */
export interface ViewState {
  /** The entity at the centre; null before one is picked. */
  id: string | null;
  /** How many facts away from the centre (1-3). */
  depth: number;
  /** Only these fact types; null means all. */
  types: string[] | null;
  /** Only entities of these kinds; null means all. */
  kinds: EntityKind[] | null;
  /** Only facts valid on this date (YYYY-MM-DD); null means any date. */
  asOf: string | null;
  /** Which facts by rank; BEST (the API's default) draws no deprecated fact, ALL draws them faded. */
  rank: RankSelection;
  /**
   * The graph as known on this day (YYYY-MM-DD: as it stood at the end of it, UTC) or at this instant (ISO 8601,
   * as a link from the ledger's history gives it); null means now.
   */
  knownAt: string | null;
  /** Nodes whose own neighbors were added, in the order they were expanded. */
  expanded: string[];
  /** The fact whose details are open, if any. */
  fact: string | null;
}

export const MAX_DEPTH = 3;

export const EMPTY_VIEW: ViewState = { id: null, depth: 1, types: null, kinds: null, asOf: null, rank: 'BEST', knownAt: null, expanded: [], fact: null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function isRankSelection(value: string | null): value is RankSelection {
  return value !== null && (RANK_SELECTIONS as readonly string[]).includes(value);
}

/** The instant the API is asked for: a day means its end (everything recorded that day), UTC. */
export function knownAtInstant(knownAt: string | null): string | null {
  if (knownAt === null) return null;
  return DATE.test(knownAt) ? `${knownAt}T23:59:59.999Z` : knownAt;
}

function list(value: string | null): string[] | null {
  if (value === null) return null;
  return value.split(',').filter((item) => item.length > 0);
}

function isKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}

export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const depth = Number(params.get('depth') ?? '1');
  const asOf = params.get('asOf');
  const rank = params.get('rank');
  const knownAt = params.get('knownAt');
  const kinds = list(params.get('kinds'));
  return {
    id: params.get('id') || null,
    depth: Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH ? depth : 1,
    types: list(params.get('types')),
    kinds: kinds ? kinds.filter(isKind) : null,
    asOf: asOf && DATE.test(asOf) ? asOf : null,
    rank: isRankSelection(rank) ? rank : 'BEST',
    knownAt: knownAt && (DATE.test(knownAt) || INSTANT.test(knownAt)) && !Number.isNaN(Date.parse(knownAt)) ? knownAt : null,
    expanded: list(params.get('expand')) ?? [],
    fact: params.get('fact') || null,
  };
}

/** The query string of a view; defaults are left out so links stay short. */
export function viewStateSearch(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.id) params.set('id', state.id);
  if (state.depth !== 1) params.set('depth', String(state.depth));
  if (state.types) params.set('types', state.types.join(','));
  if (state.kinds) params.set('kinds', state.kinds.join(','));
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.rank !== 'BEST') params.set('rank', state.rank);
  if (state.knownAt) params.set('knownAt', state.knownAt);
  if (state.expanded.length > 0) params.set('expand', state.expanded.join(','));
  if (state.fact) params.set('fact', state.fact);
  // Ids are readable as they are (country:IRN): keep ':' and ',' unescaped in the address bar.
  const text = params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** True when two views draw the same data (they may differ in the open fact). */
export function sameData(a: ViewState, b: ViewState): boolean {
  const key = (s: ViewState): string => JSON.stringify([s.id, s.depth, s.types, s.kinds, s.asOf, s.rank, s.knownAt, s.expanded]);
  return key(a) === key(b);
}
