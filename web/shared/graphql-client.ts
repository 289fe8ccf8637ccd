/** The pages' only way to the data: the public GraphQL endpoint, as any client would use it. */

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string }>;
}

/**
 * The last answer to each request with its ETag: asked again, a request sends If-None-Match, and the server
 * answers 304 with no body (and no Cypher) until a load changes the graph.
 */
const answers = new Map<string, { etag: string; data: unknown }>();
const KEPT_ANSWERS = 50;

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const body = JSON.stringify({ query, variables });
  const known = answers.get(body);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(known ? { 'if-none-match': known.etag } : {}),
    },
    body,
    ...(signal ? { signal } : {}),
  });
  if (response.status === 304 && known) return known.data as T;
  let result: GraphQLResult<T>;
  try {
    result = (await response.json()) as GraphQLResult<T>;
  } catch {
    throw new GraphQLRequestError(`the server answered ${response.status} ${response.statusText}`, response.status);
  }
  if (result.errors?.length) throw new GraphQLRequestError(result.errors.map((e) => e.message).join('; '), response.status);
  if (!result.data) throw new GraphQLRequestError('the server answered without data', response.status);
  const etag = response.headers.get('etag');
  answers.delete(body);
  if (etag) {
    answers.set(body, { etag, data: result.data });
    // Oldest first out: a Map iterates in insertion order.
    if (answers.size > KEPT_ANSWERS) answers.delete(answers.keys().next().value!);
  }
  return result.data;
}
