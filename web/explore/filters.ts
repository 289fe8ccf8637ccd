import { el } from '../shared/dom.js';
import { kindIcon, KIND_STYLES } from './kinds.js';
import { ENTITY_KINDS, RANK_SELECTIONS, type EntityKind, type RankSelection } from './queries.js';
import { MAX_DEPTH, type ViewState } from './view-state.js';

export type FilterChange = Partial<Pick<ViewState, 'depth' | 'types' | 'kinds' | 'asOf' | 'rank' | 'knownAt'>>;

const RANK_LABELS: Record<RankSelection, string> = { BEST: 'best', NON_DEPRECATED: 'not deprecated', ALL: 'all' };

/** "PLANS_STRATEGIC_PARTNERSHIP_WITH" → "plans strategic partnership with", for people. */
export function readableType(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}

/**
 * The filter sidebar: depth, the dates (valid on, known on), ranks, kinds (also the legend) and fact types. It
 * reports changes and is redrawn
 * from the view state, so the back button and a shared link set it too.
 */
export class Filters {
  private types: string[] = [];
  private state: ViewState | undefined;
  private readonly depthInputs: HTMLInputElement[] = [];
  private readonly asOfInput: HTMLInputElement;
  private readonly knownAtInput: HTMLInputElement;
  private readonly knownAtExact: HTMLElement;
  private readonly rankInputs: HTMLInputElement[] = [];
  private readonly kindInputs = new Map<EntityKind, HTMLInputElement>();
  private readonly typeList: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly onChange: (change: FilterChange) => void,
  ) {
    const depth = el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Depth' });
    for (let d = 1; d <= MAX_DEPTH; d++) {
      const input = el('input', { type: 'radio', name: 'depth', value: String(d), id: `depth-${d}` });
      input.addEventListener('change', () => this.onChange({ depth: d }));
      this.depthInputs.push(input);
      depth.append(input, el('label', { for: `depth-${d}` }, String(d)));
    }

    this.asOfInput = el('input', { type: 'date', id: 'as-of', name: 'asOf', min: '1900-01-01', max: '2100-12-31' });
    this.asOfInput.addEventListener('change', () => {
      const value = this.asOfInput.value;
      if (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value)) this.onChange({ asOf: value || null });
    });
    const anyDate = el('button', { type: 'button', class: 'link-button', 'data-action': 'any-date' }, 'any date');
    anyDate.addEventListener('click', () => this.onChange({ asOf: null }));

    this.knownAtInput = el('input', { type: 'date', id: 'known-at', name: 'knownAt', min: '2000-01-01', max: '2100-12-31' });
    this.knownAtInput.addEventListener('change', () => {
      const value = this.knownAtInput.value;
      if (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value)) this.onChange({ knownAt: value || null });
    });
    const now = el('button', { type: 'button', class: 'link-button', 'data-action': 'known-now' }, 'now');
    now.addEventListener('click', () => this.onChange({ knownAt: null }));
    this.knownAtExact = el('p', { class: 'hint exact', hidden: '' });

    const ranks = el('div', { class: 'segmented compact', role: 'radiogroup', 'aria-label': 'Ranks' });
    for (const rank of RANK_SELECTIONS) {
      const input = el('input', { type: 'radio', name: 'rank', value: rank, id: `rank-${rank}` });
      input.addEventListener('change', () => this.onChange({ rank }));
      this.rankInputs.push(input);
      ranks.append(input, el('label', { for: `rank-${rank}` }, RANK_LABELS[rank]));
    }

    const kinds = el('ul', { class: 'kinds' });
    for (const kind of ENTITY_KINDS) {
      const input = el('input', { type: 'checkbox', name: 'kind', value: kind, id: `kind-${kind}` });
      input.addEventListener('change', () => this.onChange({ kinds: this.checkedKinds() }));
      this.kindInputs.set(kind, input);
      kinds.append(el('li', {}, input, el('label', { for: `kind-${kind}` }, kindIcon(kind, 16), KIND_STYLES[kind].label)));
    }

    this.typeList = el('ul', { class: 'types' });
    const all = el('button', { type: 'button', class: 'link-button', 'data-action': 'all-types' }, 'all');
    all.addEventListener('click', () => this.onChange({ types: null }));
    const none = el('button', { type: 'button', class: 'link-button', 'data-action': 'no-types' }, 'none');
    none.addEventListener('click', () => this.onChange({ types: [] }));

    root.replaceChildren(
      el('section', {}, el('h3', {}, 'Depth'), depth, el('p', { class: 'hint' }, 'Facts away from the centre.')),
      el(
        'section',
        {},
        el('h3', {}, el('label', { for: 'as-of' }, 'Valid on')),
        el('div', { class: 'date-row' }, this.asOfInput, anyDate),
        el('p', { class: 'hint' }, 'Only facts holding on that day.'),
      ),
      el(
        'section',
        {},
        el('h3', {}, el('label', { for: 'known-at' }, 'Known on')),
        el('div', { class: 'date-row' }, this.knownAtInput, now),
        this.knownAtExact,
        el('p', { class: 'hint' }, 'The graph as it was recorded by the end of that day: later loads, retractions and reverts undone.'),
      ),
      el(
        'section',
        {},
        el('h3', {}, 'Ranks'),
        ranks,
        el('p', { class: 'hint' }, 'Best: the preferred facts of each subject and type, else the normal ones. All: deprecated facts too, faded, with why.'),
      ),
      el('section', {}, el('h3', {}, 'Kinds'), kinds),
      el(
        'section',
        {},
        el('h3', {}, 'Lines'),
        el(
          'ul',
          { class: 'lines' },
          el('li', {}, el('span', { class: 'line-sample arrow' }), 'a fact, from subject to object'),
          el('li', {}, el('span', { class: 'line-sample dashed' }), 'a shared border'),
          el('li', {}, el('span', { class: 'line-sample conflict' }), 'sources disagree (a conflict)'),
          el('li', {}, el('span', { class: 'line-sample deprecated' }), 'a deprecated fact'),
        ),
        el('p', { class: 'hint' }, 'Each line is labelled with its type and date: zoom in, or point at or pick a node to read them.'),
      ),
      el('section', { class: 'types-section' }, el('h3', {}, 'Fact types ', el('span', { class: 'type-toggles' }, all, ' · ', none)), this.typeList),
    );
  }

  /** The fact types to offer (the API's `relationTypes`, most frequent first). */
  setTypes(types: string[]): void {
    this.types = types;
    this.typeList.replaceChildren(
      ...types.map((type) => {
        const id = `type-${type}`;
        const input = el('input', { type: 'checkbox', name: 'type', value: type, id });
        input.addEventListener('change', () => this.onChange({ types: this.checkedTypes() }));
        return el('li', {}, input, el('label', { for: id, title: type }, readableType(type)));
      }),
    );
    if (this.state) this.update(this.state);
  }

  update(state: ViewState): void {
    this.state = state;
    for (const input of this.depthInputs) input.checked = Number(input.value) === state.depth;
    this.asOfInput.value = state.asOf ?? '';
    // An exact instant (from a link) shows its day in the field and the instant under it.
    this.knownAtInput.value = state.knownAt?.slice(0, 10) ?? '';
    const exact = state.knownAt !== null && state.knownAt.length > 10;
    this.knownAtExact.hidden = !exact;
    this.knownAtExact.textContent = exact ? `at ${state.knownAt}` : '';
    for (const input of this.rankInputs) input.checked = input.value === state.rank;
    for (const [kind, input] of this.kindInputs) input.checked = !state.kinds || state.kinds.includes(kind);
    for (const input of this.typeList.querySelectorAll<HTMLInputElement>('input[name="type"]')) {
      input.checked = !state.types || state.types.includes(input.value);
    }
  }

  /** Null when every kind is checked: no filter, rather than a list to keep up to date. */
  private checkedKinds(): EntityKind[] | null {
    const checked = ENTITY_KINDS.filter((kind) => this.kindInputs.get(kind)?.checked);
    return checked.length === ENTITY_KINDS.length ? null : checked;
  }

  private checkedTypes(): string[] | null {
    const checked = [...this.typeList.querySelectorAll<HTMLInputElement>('input[name="type"]:checked')].map((i) => i.value);
    return checked.length === this.types.length ? null : checked;
  }
}
