import { byId } from '../shared/dom.js';
import { renderEntity, renderIntro, renderMessage, renderRelation, type FactInView } from './details-panel.js';
import { Filters, type FilterChange } from './filters.js';
import { GraphView } from './graph-view.js';
import {
  fetchConflict,
  fetchConflictMarks,
  fetchNeighborhoods,
  fetchRelation,
  fetchRelationTypes,
  NEIGHBORHOOD_LIMIT,
  type ConflictMark,
  type EntitySummary,
  type NeighborhoodFilters,
  type NeighborhoodRequest,
  type Subgraph,
} from './queries.js';
import { SearchBox } from './search-box.js';
import { knownAtInstant, parseViewState, sameData, viewStateSearch, type ViewState } from './view-state.js';
import './explore.css';

const SUGGESTIONS = [
  { id: 'country:IRN', label: 'Iran' },
  { id: 'org:sco', label: 'Shanghai Cooperation Organization' },
  { id: 'treaty:jcpoa', label: 'Nuclear deal (JCPOA)' },
  { id: 'person:saeed-khatibzadeh', label: 'Saeed Khatibzadeh' },
];

type Status = 'idle' | 'loading' | 'ready' | 'error';

const panel = byId<HTMLElement>('details');
const stats = byId<HTMLElement>('stats');
const banner = byId<HTMLElement>('banner');
const emptyHint = byId<HTMLElement>('empty');
const toolbar = byId<HTMLElement>('toolbar');
/** The centre's dashboard (its facts counted), kept in step with the view. */
const dashboardLink = byId<HTMLAnchorElement>('dashboard-link');

/** Tests and people wait on this: `loading` while data or a layout is under way. */
function setStatus(status: Status): void {
  document.body.dataset['status'] = status;
}

function showBanner(message: string | null, tone: 'info' | 'error' = 'info'): void {
  banner.hidden = message === null;
  banner.textContent = message ?? '';
  banner.className = `banner ${tone}`;
}

let state: ViewState = parseViewState(window.location.search);
/** The view whose data is drawn, to tell a new selection from a new graph. */
let drawn: ViewState | null = null;
/** Bumped by every navigation: an answer for an older one is dropped. */
let generation = 0;
/** The conflict groups touching the drawn neighborhoods' centres, by the id of each of their facts. */
let conflictOf = new Map<string, ConflictMark>();

const graph = new GraphView(byId('graph'), {
  nodeTap: (id) => void onNodeTap(id),
  edgeTap: (id) => void navigate({ ...state, fact: id }, 'replace'),
  backgroundTap: () => void navigate({ ...state, fact: null }, 'replace'),
});

const filters = new Filters(byId('filters'), (change: FilterChange) => {
  // A new filter changes every neighborhood: expansions are kept, the open fact may no longer be drawn.
  void navigate({ ...state, ...change, fact: null }, 'push');
});

const searchInput = byId<HTMLInputElement>('search');
new SearchBox(searchInput, byId<HTMLUListElement>('search-results'), (hit) => {
  void navigate({ ...state, id: hit.id, expanded: [], fact: null }, 'push');
});

function filtersOf(view: ViewState): NeighborhoodFilters {
  return { relationTypes: view.types, kinds: view.kinds, asOf: view.asOf, rank: view.rank, knownAt: knownAtInstant(view.knownAt) };
}

/**
 * The neighborhoods and the conflicts around their centres, fetched together. Conflicts are today's: a view of
 * the graph as known on a past day marks none.
 */
async function fetchView(requests: NeighborhoodRequest[], view: ViewState): Promise<{ subgraphs: Subgraph[]; conflicts: ConflictMark[] }> {
  const [subgraphs, conflicts] = await Promise.all([
    fetchNeighborhoods(requests, filtersOf(view)),
    view.knownAt === null ? fetchConflictMarks(requests.map((r) => r.id)) : Promise.resolve([]),
  ]);
  return { subgraphs, conflicts };
}

function noteConflicts(conflicts: ConflictMark[], replace: boolean): void {
  if (replace) conflictOf = new Map();
  for (const conflict of conflicts) for (const fact of conflict.facts) conflictOf.set(fact, conflict);
  graph.markConflicts(new Set(conflictOf.keys()));
}

function entityOf(id: string): EntitySummary | null {
  const node = graph.cy.getElementById(id);
  if (node.empty() || !node.isNode()) return null;
  return { id, kind: node.data('kind'), name: node.data('name'), description: node.data('description') };
}

function factsInView(id: string): FactInView[] {
  const facts: FactInView[] = [];
  graph.cy.getElementById(id).connectedEdges().forEach((edge) => {
    const outgoing = edge.source().id() === id;
    const other = entityOf(outgoing ? edge.target().id() : edge.source().id());
    if (!other) return;
    facts.push({
      id: edge.id(),
      type: edge.data('type'),
      startDate: edge.data('startDate'),
      endDate: edge.data('endDate'),
      status: edge.data('status'),
      rank: edge.data('rank'),
      rankReason: edge.data('rankReason'),
      conflict: conflictOf.has(edge.id()),
      other,
      outgoing,
    });
  });
  // Dated facts newest first, undated ones (borders, standing facts) last.
  return facts.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || a.type.localeCompare(b.type));
}

function showEntity(id: string): void {
  const entity = entityOf(id);
  if (!entity) return;
  graph.select(id);
  renderEntity(panel, entity, factsInView(id), {
    isCentre: id === state.id,
    isExpanded: state.expanded.includes(id),
    centre: () => void navigate({ ...state, id, expanded: [], fact: null }, 'push'),
    expand: () => void navigate({ ...state, expanded: [...state.expanded, id], fact: null }, 'push').then(() => showEntity(id)),
    openFact: (fact) => void navigate({ ...state, fact }, 'replace'),
  });
}

async function showFact(id: string, run: number): Promise<void> {
  graph.select(id);
  renderMessage(panel, 'Loading the fact and its sources…');
  const knownAt = knownAtInstant(state.knownAt);
  const mark = conflictOf.get(id);
  const relation = await fetchRelation(id, knownAt);
  if (run !== generation) return;
  if (!relation) {
    renderMessage(panel, knownAt ? `No fact ${id} was known at ${knownAt}.` : `No fact ${id}.`, 'error');
    return;
  }
  const conflict = mark ? await fetchConflict(mark.id, relation.from.id, relation.type) : null;
  if (run !== generation) return;
  renderRelation(panel, relation, {
    conflict: conflict ?? undefined,
    knownAt,
    openEntity: (entity) => {
      if (graph.cy.getElementById(entity).nonempty()) void navigate({ ...state, fact: null }, 'replace').then(() => showEntity(entity));
      else void navigate({ ...state, id: entity, expanded: [], fact: null }, 'push');
    },
    openFact: (fact) => void navigate({ ...state, fact }, 'replace'),
  });
}

/** A node click shows the entity and, the first time, brings in its own neighbors. */
async function onNodeTap(id: string): Promise<void> {
  if (id === state.id || state.expanded.includes(id)) {
    if (state.fact) await navigate({ ...state, fact: null }, 'replace');
    showEntity(id);
    return;
  }
  await navigate({ ...state, expanded: [...state.expanded, id], fact: null }, 'push');
  showEntity(id);
}

function updateStats(): void {
  const nodes = graph.cy.nodes().length;
  const edges = graph.cy.edges().length;
  // The empty canvas says what to do; the toolbar only makes sense over a drawing.
  emptyHint.hidden = state.id !== null;
  toolbar.hidden = state.id === null;
  stats.textContent = state.id ? `${nodes} ${nodes === 1 ? 'entity' : 'entities'} · ${edges} ${edges === 1 ? 'fact' : 'facts'}` : '';
}

/** Moves to a view: updates the address bar, then fetches and draws only what changed. */
async function navigate(next: ViewState, history: 'push' | 'replace' | 'none'): Promise<void> {
  const url = `${window.location.pathname}${viewStateSearch(next)}`;
  if (history === 'push' && url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
  else if (history === 'replace') window.history.replaceState(null, '', url);
  const previous = drawn;
  state = next;
  filters.update(state);
  dashboardLink.href = state.id ? `/dashboard?id=${state.id}${state.asOf ? `&asOf=${state.asOf}` : ''}` : '/dashboard';
  const run = ++generation;

  try {
    if (!state.id) {
      drawn = state;
      graph.clear();
      updateStats();
      searchInput.value = '';
      showBanner(null);
      renderIntro(panel, SUGGESTIONS, (id) => void navigate({ ...state, id, expanded: [], fact: null }, 'push'));
      setStatus('idle');
      return;
    }
    if (!previous || !sameData(previous, state)) {
      setStatus('loading');
      await draw(previous, run);
      if (run !== generation) return;
    }
    if (state.fact) await showFact(state.fact, run);
    else if (!previous || previous.id !== state.id || previous.fact) showEntity(state.id);
    if (run === generation) setStatus('ready');
  } catch (error) {
    if (run !== generation) return;
    showBanner(`Could not load the view: ${error instanceof Error ? error.message : String(error)}`, 'error');
    setStatus('error');
  }
}

/** Expanding one more node adds its neighbors to the drawing; anything else redraws from scratch. */
async function draw(previous: ViewState | null, run: number): Promise<void> {
  const centre = state.id!;
  const expandsOne =
    previous !== null &&
    sameData({ ...previous, expanded: [] }, { ...state, expanded: [] }) &&
    state.expanded.length === previous.expanded.length + 1 &&
    previous.expanded.every((id, i) => state.expanded[i] === id);

  if (expandsOne) {
    const added = state.expanded.at(-1)!;
    const { subgraphs, conflicts } = await fetchView([{ id: added, depth: 1 }], state);
    const [subgraph] = subgraphs;
    if (run !== generation || !subgraph) return;
    drawn = state;
    await graph.expand(subgraph, added, centre, state.expanded);
    noteConflicts(conflicts, false);
    updateStats();
    noteLimit([subgraph.nodes.length]);
    return;
  }

  const requests: NeighborhoodRequest[] = [{ id: centre, depth: state.depth }, ...state.expanded.map((id) => ({ id, depth: 1 }))];
  const { subgraphs, conflicts } = await fetchView(requests, state);
  if (run !== generation) return;
  drawn = state;
  const first = subgraphs[0];
  if (!first || first.nodes.length === 0) {
    graph.clear();
    updateStats();
    showBanner(
      state.knownAt
        ? `No entity with the id “${centre}” was known on ${state.knownAt}: pick a later day, or “now”.`
        : `No entity has the id “${centre}”. Search for it by name above.`,
      'error',
    );
    return;
  }
  searchInput.value = first.nodes[0]?.name ?? '';
  document.title = `${first.nodes[0]?.name ?? centre} · Knowledge graph explorer`;
  await graph.show(subgraphs, centre, state.expanded);
  noteConflicts(conflicts, true);
  updateStats();
  noteLimit(subgraphs.map((s) => s.nodes.length));
}

function noteLimit(sizes: number[]): void {
  if (sizes.some((size) => size >= NEIGHBORHOOD_LIMIT)) {
    showBanner(`Showing the ${NEIGHBORHOOD_LIMIT} nearest entities of a neighborhood: filter by type or kind, or lower the depth, to see the rest.`);
  } else {
    showBanner(null);
  }
}

byId('fit').addEventListener('click', () => graph.fit());
const copyButton = byId<HTMLButtonElement>('copy-link');
copyButton.addEventListener('click', () => {
  void navigator.clipboard
    ?.writeText(window.location.href)
    .then(() => {
      copyButton.textContent = 'Link copied';
      window.setTimeout(() => (copyButton.textContent = 'Copy link'), 1500);
    })
    .catch(() => undefined);
});
document.addEventListener('keydown', (event) => {
  // "/" jumps to the search box, as on many sites.
  if (event.key === '/' && document.activeElement !== searchInput && !(event.target instanceof HTMLInputElement)) {
    event.preventDefault();
    searchInput.focus();
    searchInput.select();
  }
});
window.addEventListener('popstate', () => void navigate(parseViewState(window.location.search), 'none'));

window.__explorer = { cy: graph.cy, state: () => state, settled: () => graph.settled() };

fetchRelationTypes()
  .then((types) => filters.setTypes(types))
  .catch((error: unknown) => showBanner(`Could not load the fact types: ${error instanceof Error ? error.message : String(error)}`, 'error'));
void navigate(state, 'none');
