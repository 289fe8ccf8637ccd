import { byId, el } from '../shared/dom.js';
import { latestChanges, LiveChanges, type LiveEvent } from '../shared/live-changes.js';
import { SearchBox } from '../explore/search-box.js';
import { Charts, yearsData } from './charts.js';
import { facetOf, fetchOverview, fetchYearsByType, SERIES_TYPES, whereOf, type Bucket, type Facet, type LatestFact, type Overview } from './queries.js';
import { EMPTY_STATE, parseState, stateSearch, type DashboardState } from './state.js';
import '../explore/explore.css';
import './dashboard.css';

/**
 * The reference dashboard: an entity's facts counted by year and type, status, the other end's kind and
 * partner, with its latest facts, from `facets` over the public /graphql. State lives in the URL. The entity's
 * latest changes come from `changes(last:)`, then the `changes` subscription from where they end lists the next
 * ones as loads commit, and each one refreshes the counts: the same requests again, with If-None-Match, so what
 * did not change costs a 304 and no Cypher.
 */

type Status = 'loading' | 'ready' | 'error';

const title = byId<HTMLElement>('title');
const subtitle = byId<HTMLElement>('subtitle');
const banner = byId<HTMLElement>('banner');
const partners = byId<HTMLOListElement>('partners');
const latest = byId<HTMLOListElement>('latest');
const changes = byId<HTMLOListElement>('changes');
const yearsNote = byId<HTMLElement>('years-note');
const statusNote = byId<HTMLElement>('status-note');
const exploreLink = byId<HTMLAnchorElement>('explore-link');
const form = byId<HTMLFormElement>('filters');
const inputs = { asOf: byId<HTMLInputElement>('asOf'), from: byId<HTMLInputElement>('from'), to: byId<HTMLInputElement>('to') };

const charts = new Charts({
  years: byId<HTMLCanvasElement>('years-chart'),
  status: byId<HTMLCanvasElement>('status-chart'),
  kinds: byId<HTMLCanvasElement>('kind-chart'),
});

let state: DashboardState = parseState(window.location.search);
let overview: Overview | null = null;
/** Bumped by every navigation: an answer for an older one is dropped. */
let generation = 0;
let inFlight: AbortController | undefined;

function setStatus(status: Status): void {
  document.body.dataset['status'] = status;
}

function showBanner(message: string | null): void {
  banner.hidden = message === null;
  banner.textContent = message ?? '';
  banner.className = 'banner error';
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

function dashboardLink(id: string, label: string): HTMLAnchorElement {
  return el('a', { href: `/dashboard${stateSearch({ ...state, id })}` }, label);
}

function drawPartners(facet: Facet): void {
  const max = Math.max(1, ...facet.buckets.map((b) => b.count));
  partners.replaceChildren(
    ...facet.buckets.map((b: Bucket) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = `${(100 * b.count) / max}%`;
      return el('li', { 'data-id': b.value }, el('span', { class: 'bar-label' }, dashboardLink(b.value, b.label ?? b.value)), el('span', { class: 'bar-track' }, bar), el('span', { class: 'bar-count' }, String(b.count)));
    }),
  );
  if (facet.otherCount > 0) partners.append(el('li', { class: 'muted small' }, `and ${plural(facet.otherCount, 'fact')} with other partners`));
}

function drawLatest(facts: LatestFact[], centre: string): void {
  latest.replaceChildren(
    ...facts.map((f) => {
      const other = f.from.id === centre ? f.to : f.from;
      return el(
        'li',
        { 'data-id': f.id },
        el('span', { class: 'when' }, f.startDate ?? 'undated'),
        el('span', {}, el('code', {}, f.type), ' ', f.from.id === centre ? '→ ' : '← ', dashboardLink(other.id, other.name), f.status ? el('span', { class: 'muted' }, ` (${f.status})`) : null),
        f.summary ? el('span', { class: 'muted small summary' }, f.summary) : null,
      );
    }),
  );
  if (facts.length === 0) latest.append(el('li', { class: 'muted' }, 'No facts.'));
}

/** Changes listed at most. */
const MAX_CHANGES = 20;
/** A load's changes come together: one refresh after the last of them. */
const REFRESH_AFTER_MS = 300;

/** When a load finished: the time today, the day before. */
function time(iso: string | null): string {
  if (!iso) return '';
  const when = new Date(iso);
  return when.toDateString() === new Date().toDateString() ? when.toLocaleTimeString('en-GB') : when.toLocaleDateString('en-CA');
}

/** A change as a list item; `fresh` ones (just committed) flash. */
function describeChange(event: LiveEvent, fresh: boolean): HTMLLIElement {
  const mark: Record<string, string> = fresh ? { class: 'fresh' } : {};
  if (event.summary) {
    const { created, updated } = event.summary;
    const total = (c: typeof created): number => c.entities + c.facts + c.sources;
    return el(
      'li',
      { ...mark, 'data-load': event.summary.id },
      el('span', { class: 'when' }, time(event.summary.finishedAt)),
      el('span', {}, `A bulk load: ${plural(total(created), 'record')} created, ${plural(total(updated), 'record')} changed `, el('code', {}, event.summary.id)),
    );
  }
  const change = event.change!;
  const state = change.after ?? change.before ?? {};
  const what =
    change.category === 'FACT'
      ? [el('code', {}, String(state['type'] ?? 'fact')), ` ${String(state['from'] ?? '?')} → ${String(state['to'] ?? '?')}`]
      : [String(state['name'] ?? change.recordId)];
  return el(
    'li',
    { ...mark, 'data-id': change.recordId, 'data-load': change.load.id },
    el('span', { class: 'when' }, time(change.load.finishedAt)),
    el('span', {}, `${change.action.toLowerCase()} `, ...what),
  );
}

let refreshTimer: number | undefined;

function showChange(event: LiveEvent): void {
  changes.prepend(describeChange(event, true));
  while (changes.children.length > MAX_CHANGES) changes.lastElementChild!.remove();
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void load(true), REFRESH_AFTER_MS);
}

const live = new LiveChanges(showChange);
let watched: string | null | undefined;
/** Bumped by every entity watched: the latest changes of an older one are dropped. */
let watching = 0;

/**
 * Lists the entity's latest changes, then follows it from where they end (so a load that commits in between is
 * neither missed nor listed twice); a new entity starts a new list.
 */
function watch(id: string | null): void {
  if (id === watched) return;
  watched = id;
  const mine = ++watching;
  changes.replaceChildren();
  delete changes.dataset['loaded'];
  live.watch(null);
  if (id === null) return;
  const where = { entity: id };
  latestChanges(where, MAX_CHANGES).then(
    ({ events, cursor }) => {
      if (mine !== watching) return;
      changes.replaceChildren(...events.map((event) => describeChange(event, false)).reverse());
      changes.dataset['loaded'] = id;
      live.watch(where, cursor);
    },
    (error: unknown) => {
      if (mine !== watching) return;
      changes.replaceChildren(el('li', { class: 'muted' }, `Could not list the latest changes: ${(error as Error).message}`));
      live.watch(where);
    },
  );
}

function showState(): void {
  inputs.asOf.value = state.asOf ?? '';
  inputs.from.value = state.from ?? '';
  inputs.to.value = state.to ?? '';
  exploreLink.href = state.id ? `/explore?id=${state.id}${state.asOf ? `&asOf=${state.asOf}` : ''}` : '/explore';
}

/** Draws the view; `quiet` (a refresh after a load committed) keeps what is shown until the new answer is in. */
async function load(quiet = false): Promise<void> {
  showState();
  const id = state.id;
  watch(id);
  if (id === null) {
    title.textContent = 'Dashboard';
    subtitle.textContent = 'Search an entity above to count its facts.';
    setStatus('ready');
    return;
  }
  const mine = ++generation;
  inFlight?.abort();
  inFlight = new AbortController();
  const signal = inFlight.signal;
  if (!quiet) setStatus('loading');
  try {
    const current = { ...state, id };
    const answer = await fetchOverview(current, signal);
    if (mine !== generation) return;
    if (answer.entity === null) {
      title.textContent = id;
      subtitle.textContent = 'No entity has this id.';
      showBanner(`Unknown entity ${id}.`);
      setStatus('ready');
      return;
    }
    const types = facetOf(answer.facets, 'FACT_TYPE');
    const byType = await fetchYearsByType(whereOf(current), types.buckets.slice(0, SERIES_TYPES).map((b) => b.value), signal);
    if (mine !== generation) return;
    overview = answer;
    showBanner(null);
    document.title = `${answer.entity.name} · Knowledge graph dashboard`;
    title.textContent = answer.entity.name;
    const years = facetOf(answer.facets, 'YEAR');
    subtitle.textContent = `${answer.entity.kind.toLowerCase()} · ${plural(types.total, 'fact')}${state.asOf ? ` valid on ${state.asOf}` : ''}${state.from || state.to ? ` dated ${state.from ?? '…'}–${state.to ?? '…'}` : ''}`;
    charts.drawYears(yearsData(years, byType));
    yearsNote.textContent = years.missingCount > 0 ? `${plural(years.missingCount, 'undated fact')} not shown.` : '';
    const status = facetOf(answer.facets, 'STATUS');
    charts.drawStatus(status);
    statusNote.textContent = status.missingCount > 0 ? `${plural(status.missingCount, 'fact')} without a status.` : '';
    charts.drawKinds(facetOf(answer.facets, 'OTHER_KIND'));
    drawPartners(facetOf(answer.facets, 'OTHER_ENTITY'));
    drawLatest(answer.entity.relations, id);
    setStatus('ready');
  } catch (error) {
    if (mine !== generation || signal.aborted) return;
    showBanner(`Could not load the dashboard: ${(error as Error).message}`);
    setStatus('error');
  }
}

function navigate(next: DashboardState): void {
  state = next;
  history.pushState(null, '', `/dashboard${stateSearch(state)}`);
  void load();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const year = (input: HTMLInputElement): string | null => (/^\d{4}$/.test(input.value) ? input.value : null);
  navigate({ ...state, asOf: inputs.asOf.value || null, from: year(inputs.from), to: year(inputs.to) });
});
byId<HTMLButtonElement>('clear').addEventListener('click', () => navigate({ ...EMPTY_STATE, id: state.id }));
// Partners and latest facts link to other dashboards: followed in place, keeping the filters.
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="/dashboard?"]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(parseState(new URL(link.href).search));
});
window.addEventListener('popstate', () => {
  state = parseState(window.location.search);
  void load();
});
const searchInput = byId<HTMLInputElement>('search');
new SearchBox(searchInput, byId<HTMLUListElement>('search-results'), (hit) => {
  searchInput.value = '';
  navigate({ ...state, id: hit.id });
});
document.addEventListener('keydown', (event) => {
  if (event.key === '/' && document.activeElement !== searchInput && !(document.activeElement instanceof HTMLInputElement)) {
    event.preventDefault();
    searchInput.focus();
  }
});

window.__dashboard = { state: () => state, charts, overview: () => overview };
void load();
