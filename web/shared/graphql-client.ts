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

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
    ...(signal ? { signal } : {}),
  });
  let result: GraphQLResult<T>;
  try {
    result = (await response.json()) as GraphQLResult<T>;
  } catch {
    throw new GraphQLRequestError(`the server answered ${response.status} ${response.statusText}`, response.status);
  }
  if (result.errors?.length) throw new GraphQLRequestError(result.errors.map((e) => e.message).join('; '), response.status);
  if (!result.data) throw new GraphQLRequestError('the server answered without data', response.status);
  return result.data;
}
