/** How the tests talk to a server over HTTP: one request helper, the answer parsed once, the same for every file. */

export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

export interface GraphQLBody<T> {
  data?: T;
  errors?: GraphQLErrorBody[];
}

export interface Answer<T = Record<string, unknown>> extends GraphQLBody<T> {
  status: number;
  headers: Headers;
  contentType: string;
  /** The body as it came. */
  text: string;
  /** The body as JSON; undefined when it is not JSON. */
  body: GraphQLBody<T> | undefined;
  /** How long the answer took, in milliseconds. */
  ms: number;
}

/** Sends any request and reads the whole answer; a JSON body's `data` and `errors` are lifted onto the answer. */
export async function httpRequest<T = Record<string, unknown>>(url: string, init: RequestInit = {}): Promise<Answer<T>> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  let body: GraphQLBody<T> | undefined;
  try {
    body = JSON.parse(text) as GraphQLBody<T>;
  } catch {
    body = undefined;
  }
  return {
    status: res.status,
    headers: res.headers,
    contentType: res.headers.get('content-type') ?? '',
    text,
    body,
    ...(body && typeof body === 'object' ? { data: body.data, errors: body.errors } : {}),
    ms: performance.now() - started,
  };
}

/** POSTs a GraphQL request to `<base>/graphql` as JSON (no `variables` key when none are given). */
export function postGraphQL<T = Record<string, unknown>>(
  base: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  return httpRequest<T>(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
  });
}

/** GETs a GraphQL query from `<base>/graphql?query=…`. */
export function getGraphQL<T = Record<string, unknown>>(base: string, query: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  return httpRequest<T>(`${base}/graphql?query=${encodeURIComponent(query)}`, { headers });
}

/** A Prometheus figure from `<base>/metrics`: the sum of its series (all label sets), NaN when it is absent. */
export async function metricTotal(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const series = text.split('\n').filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (series.length === 0) return Number.NaN;
  return series.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** One Prometheus series from `<base>/metrics`, by its labels (`{ result: 'hit' }`); 0 when it has not been counted yet. */
export async function metricSeries(base: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const prefix = `${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(prefix.length)) : 0;
}
