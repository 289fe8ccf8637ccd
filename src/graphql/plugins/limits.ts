import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../config.js';
import { boundOf, outOfBounds, withinBounds } from '../bounds.js';
import type { GraphQLContext } from '../context.js';
import { refusal } from '../errors.js';
import { analyzeOperation, valuesOf, type ArgumentUse } from '../limits/analyze.js';

function checkArgument(config: Config, use: ArgumentUse): void {
  const { maxStringArgument, maxListArgument } = config.requestLimits;
  for (const { path, value } of valuesOf(use.value, use.type, use.argument)) {
    if (typeof value === 'string' && value.length > maxStringArgument) {
      throw refusal('ARGUMENT_TOO_LONG', 'MAX_STRING_ARGUMENT', maxStringArgument, value.length,
        `Argument "${path}" of ${use.field} is ${value.length} characters long; at most ${maxStringArgument} are allowed`);
    }
    if (Array.isArray(value) && value.length > maxListArgument) {
      throw refusal('ARGUMENT_TOO_LONG', 'MAX_LIST_ARGUMENT', maxListArgument, value.length,
        `Argument "${path}" of ${use.field} has ${value.length} items; at most ${maxListArgument} are allowed`);
    }
  }
  if (typeof use.value !== 'number') return;
  const bound = boundOf(use.parentType, use.field, use.argument);
  // Same code and wording as the resolvers' own checks, plus the limit's name.
  if (bound && !withinBounds(bound, use.value, config.limits)) throw outOfBounds(bound, use.value, config.limits, true);
}

/**
 * Refuses an operation whose shape or arguments break a limit, after validation and before execution: nothing
 * reaches Neo4j. Document size is checked earlier (src/http/graphql-http.ts), tokens by the parser (parseOptions).
 */
export function limitsPlugin(config: Config): ApolloServerPlugin<GraphQLContext> {
  /**
   * The verdict is a function of the document, the operation and the variables: kept per document (Apollo hands
   * the same parsed document to every request with the same text), for a few variable sets each.
   */
  const verdicts = new WeakMap<DocumentNode, LRUCache<string, { refusal: GraphQLError | null }>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const key = `${request.operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let byVariables = verdicts.get(document);
          const known = byVariables?.get(key);
          if (known) {
            if (known.refusal) throw known.refusal;
            return;
          }
          let refusal: GraphQLError | null = null;
          try {
            checkOperationLimits(config, document, operation, request.variables ?? {}, schema);
          } catch (error) {
            if (!(error instanceof GraphQLError)) throw error;
            refusal = error;
          }
          if (!byVariables) verdicts.set(document, (byVariables = new LRUCache({ max: VARIABLE_SETS_PER_DOCUMENT })));
          byVariables.set(key, { refusal });
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/**
 * Throws the refusal of an operation that breaks a limit (its shape, or an argument's length or bounds); the
 * limits plugin calls it for HTTP requests, the WebSocket server for subscriptions.
 */
export function checkOperationLimits(config: Config, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, schema: GraphQLSchema): void {
  const { maxDepth, maxCost, maxAliases, maxRootFields } = config.requestLimits;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  // Invalid variables: execution reports them, without running any resolver.
  if (coerced.errors) return;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const shape = analyzeOperation({
    schema,
    operation,
    fragments,
    variables: coerced.coerced,
    onArgument: (use) => checkArgument(config, use),
  });
  if (shape.rootFields > maxRootFields) {
    throw refusal('TOO_MANY_ROOT_FIELDS', 'MAX_ROOT_FIELDS', maxRootFields, shape.rootFields,
      `The operation has ${shape.rootFields} root fields; at most ${maxRootFields} are allowed`);
  }
  if (shape.aliases > maxAliases) {
    throw refusal('TOO_MANY_ALIASES', 'MAX_ALIASES', maxAliases, shape.aliases,
      `The operation uses ${shape.aliases} aliases; at most ${maxAliases} are allowed`);
  }
  if (shape.depth > maxDepth) {
    throw refusal('QUERY_TOO_DEEP', 'MAX_QUERY_DEPTH', maxDepth, shape.depth,
      `The operation is ${shape.depth} fields deep; at most ${maxDepth} are allowed`);
  }
  if (shape.cost > maxCost) {
    throw refusal('QUERY_TOO_COMPLEX', 'MAX_QUERY_COST', maxCost, shape.cost,
      `The operation may return about ${Number.isFinite(shape.cost) ? shape.cost : 'infinitely many'} objects; at most ${maxCost} are allowed. Ask for smaller pages (first/last/limit) or fewer nested lists`);
  }
}

/** Variable sets whose verdict is kept per document (dashboards send a few). */
const VARIABLE_SETS_PER_DOCUMENT = 32;
