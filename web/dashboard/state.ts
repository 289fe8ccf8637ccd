/**
 * What a dashboard shows, kept in the URL's query string so it can be shared, bookmarked and restored by the
 * back button: `?id=country:IRN&asOf=2021-10-01&from=2015&to=2021`.
 */
export interface DashboardState {
  /** The entity whose facts are counted; null before one is picked. */
  id: string | null;
  /** Only facts valid on this day (YYYY-MM-DD). */
  asOf: string | null;
  /** Only facts dated in or after this year. */
  from: string | null;
  /** Only facts dated in or before this year. */
  to: string | null;
}

export const EMPTY_STATE: DashboardState = { id: null, asOf: null, from: null, to: null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;

function matching(value: string | null, pattern: RegExp): string | null {
  return value !== null && pattern.test(value) ? value : null;
}

export function parseState(search: string): DashboardState {
  const params = new URLSearchParams(search);
  return {
    id: params.get('id') || null,
    asOf: matching(params.get('asOf'), DAY),
    from: matching(params.get('from'), YEAR),
    to: matching(params.get('to'), YEAR),
  };
}

/** The query string of a state; empty values are left out so links stay short. */
export function stateSearch(state: DashboardState): string {
  const params = new URLSearchParams();
  for (const key of ['id', 'asOf', 'from', 'to'] as const) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  // Ids are readable as they are (country:IRN): keep ':' unescaped in the address bar.
  const text = params.toString().replace(/%3A/gi, ':');
  return text ? `?${text}` : '';
}
