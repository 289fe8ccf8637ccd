import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Introspection off (GRAPHQL_INTROSPECTION=false, the production default), the same over HTTP (Apollo) and over
 * the WebSocket (src/http/subscriptions.ts): one validation rule, so both refuse the same documents with the same
 * message, and field suggestions taken out of validation messages, since they would describe the schema too.
 */

/** Refuses `__schema` and `__type` (`__typename` stays: it describes no more than the answer it is in). */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') {
      context.reportError(new GraphQLError(`Introspection is off on this server (GRAPHQL_INTROSPECTION), but the operation asks for "${name}"`, { nodes: [node] }));
    }
  },
});

/** A validation message without its "Did you mean …?" (as Apollo's hideSchemaDetailsFromClientErrors does for HTTP). */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}
