import { GraphQLError } from 'graphql';

/** A bad argument: says which argument and why, with extensions.code = BAD_USER_INPUT. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** Another load holds the writer lock: one load writes at a time. */
export function loadInProgress(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'LOAD_IN_PROGRESS', http: { status: 409 } } });
}
