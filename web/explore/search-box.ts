import { kindIcon, KIND_STYLES } from './kinds.js';
import { searchEntities, type SearchHit } from './queries.js';

/** Waits this long after a keystroke before asking, so typing a word sends one search, not one per letter. */
const DEBOUNCE_MS = 150;

/**
 * Search as you type (the API's `search`), as an ARIA combobox: arrows move through the results, Enter picks,
 * Escape closes. Only the latest answer is shown, whatever order the answers arrive in.
 */
export class SearchBox {
  private hits: SearchHit[] = [];
  private active = -1;
  private timer: number | undefined;
  private inFlight: AbortController | undefined;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
    private readonly onPick: (hit: SearchHit) => void,
  ) {
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    list.setAttribute('role', 'listbox');
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('focus', () => {
      if (this.hits.length > 0) this.open();
    });
    // Picking by mouse happens on mousedown, before the input's blur closes the list.
    list.addEventListener('mousedown', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('[data-index]');
      if (!item) return;
      event.preventDefault();
      this.pick(Number(item.dataset['index']));
    });
    input.addEventListener('blur', () => this.close());
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (text.length === 0) {
      this.inFlight?.abort();
      this.show([]);
      return;
    }
    this.timer = window.setTimeout(() => void this.search(text), DEBOUNCE_MS);
  }

  private async search(text: string): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.input.setAttribute('aria-busy', 'true');
    try {
      const hits = await searchEntities(text, controller.signal);
      if (controller === this.inFlight) this.show(hits, text);
    } catch (error) {
      if (!controller.signal.aborted) this.showMessage(`Search failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (controller === this.inFlight) this.input.removeAttribute('aria-busy');
    }
  }

  private show(hits: SearchHit[], text = ''): void {
    this.hits = hits;
    this.active = hits.length > 0 ? 0 : -1;
    this.list.replaceChildren(
      ...hits.map((hit, index) => {
        const item = document.createElement('li');
        item.id = `${this.list.id}-${index}`;
        item.setAttribute('role', 'option');
        item.dataset['index'] = String(index);
        item.dataset['id'] = hit.id;
        const name = document.createElement('span');
        name.className = 'hit-name';
        name.textContent = hit.name;
        const meta = document.createElement('span');
        meta.className = 'hit-meta';
        meta.textContent = `${KIND_STYLES[hit.kind].label} · ${hit.id}`;
        item.append(kindIcon(hit.kind, 16), name, meta);
        return item;
      }),
    );
    if (hits.length === 0 && text) this.showMessage(`Nothing matches “${text}”.`);
    else if (hits.length > 0) this.open();
    else this.close();
    this.highlight();
  }

  private showMessage(message: string): void {
    const item = document.createElement('li');
    item.className = 'hit-message';
    item.textContent = message;
    this.list.replaceChildren(item);
    this.open();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (this.hits.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.hits.length) % this.hits.length;
      this.open();
      this.highlight();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (event.key === 'Escape') {
      this.close();
    }
  }

  private pick(index: number): void {
    const hit = this.hits[index];
    if (!hit) return;
    this.input.value = hit.name;
    this.close();
    this.onPick(hit);
  }

  private highlight(): void {
    for (const item of this.list.querySelectorAll<HTMLElement>('[role="option"]')) {
      const selected = Number(item.dataset['index']) === this.active;
      item.setAttribute('aria-selected', String(selected));
      if (selected) this.input.setAttribute('aria-activedescendant', item.id);
    }
    if (this.active < 0) this.input.removeAttribute('aria-activedescendant');
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }
}
