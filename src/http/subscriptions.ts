import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../config.js';
import type { Graph } from '../graph/graph-client.js';
import type { Credential } from '../graphql/authorization.js';
import type { ChangeFeed } from '../graphql/change-feed.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatError } from '../graphql/error-format.js';
import { refusal } from '../graphql/errors.js';
import { noIntrospectionRule, withoutSuggestions } from '../graphql/introspection.js';
import { checkOperationLimits } from '../graphql/plugins/limits.js';
import { schema } from '../graphql/server.js';
import type { Logger } from '../logger.js';
import { subscriptionConnections, subscriptionConnectionsRefusedTotal } from '../metrics.js';
import type { Authenticator } from './auth.js';

/**
 * Subscriptions over the graphql-ws protocol on the HTTP server's own port and path (/graphql), as Apollo's
 * documentation sets them up for Apollo Server 5: a `ws` WebSocket server, graphql-ws's `useServer`, and its
 * cleanup run when Apollo drains. What queries get from Apollo's plugins, subscriptions get here: the credential
 * (sent in `connectionParams.authorization`, or the upgrade request's Authorization header) checked once per
 * connection, AUTH_REQUIRED_FOR_READS, the request limits, introspection off when it is off, CORS_ORIGINS for
 * browsers, and the error format. Connections are bounded (WS_MAX_CONNECTIONS) and pinged (WS_KEEPALIVE_MS).
 */

export interface SubscriptionServerOptions {
  config: Config;
  graph: Graph;
  httpServer: Server;
  authenticator: Authenticator;
  feed: ChangeFeed;
  logger: Logger;
  /** True once the server is stopping: new connections are refused. */
  stopping: () => boolean;
}

export interface SubscriptionServer {
  /** Ends every subscription and closes every connection ("going away"). */
  dispose(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';

/** A WebSocket close reason is at most 123 bytes. */
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : `${bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}

/** Answers an upgrade request with a plain HTTP status instead of a WebSocket. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const reason = { 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}

/** Browsers send their page's origin: allowed when CORS_ORIGINS allows it, or when it is this server's own. */
function originAllowed(request: IncomingMessage, corsOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || corsOrigins.includes('*') || corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** The bearer credential a client sent when it connected: `authorization` (any case) in connectionParams, else the header. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined, request: IncomingMessage): string | undefined {
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return request.headers.authorization;
}

type Extra = { socket: WebSocket; request: IncomingMessage };
type WsContext = Context<Record<string, unknown> | undefined, Extra>;

export function startSubscriptionServer({ config, graph, httpServer, authenticator, feed, logger, stopping }: SubscriptionServerOptions): SubscriptionServer {
  const { requestLimits, feed: feedConfig, http } = config;
  const wss = new WebSocketServer({ noServer: true, maxPayload: requestLimits.maxBodyBytes });
  const credentials = new WeakMap<WsContext, Credential>();
  // Where introspection is off, so are field suggestions, as over HTTP (src/graphql/introspection.ts).
  const rules = http.introspection ? specifiedRules : [...specifiedRules, noIntrospectionRule];
  const validationMessage = http.introspection ? (message: string) => message : withoutSuggestions;

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== GRAPHQL_PATH) return refuseUpgrade(socket, 404, `WebSockets are served at ${GRAPHQL_PATH} only`);
    if (stopping()) return refuseUpgrade(socket, 503, 'The server is stopping');
    if (!originAllowed(request, http.corsOrigins)) {
      subscriptionConnectionsRefusedTotal.inc({ reason: 'origin' });
      return refuseUpgrade(socket, 403, 'This origin is not allowed (CORS_ORIGINS)');
    }
    if (wss.clients.size >= feedConfig.maxConnections) {
      subscriptionConnectionsRefusedTotal.inc({ reason: 'limit' });
      return refuseUpgrade(socket, 503, `This server holds its maximum of ${feedConfig.maxConnections} WebSocket connections (WS_MAX_CONNECTIONS); try again later`);
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  wss.on('connection', (ws: WebSocket) => {
    subscriptionConnections.inc();
    ws.once('close', () => subscriptionConnections.dec());
  });

  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => formatError(e.toJSON(), e));

  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      async onConnect(ctx) {
        const credential = await authenticator.authenticate(authorizationOf(ctx.connectionParams, ctx.extra.request));
        const denied =
          credential.kind === 'invalid'
            ? credential.reason
            : config.auth.requiredForReads && credential.kind !== 'valid'
              ? 'This server needs credentials for reads: send connectionParams { authorization: "Bearer <API key or JWT>" }'
              : null;
        if (denied !== null) {
          subscriptionConnectionsRefusedTotal.inc({ reason: 'auth' });
          logger.info({ outcome: 'denied', reason: denied }, 'graphql-ws connection refused');
          // The client learns why from the close reason; graphql-ws then closes with 4403 Forbidden, as here.
          ctx.extra.socket.close(CloseCode.Forbidden, closeReason(denied));
          return false;
        }
        credentials.set(ctx, credential);
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const query = payload.query;
        if (query.length > requestLimits.maxDocumentBytes) {
          return [refusal('QUERY_TOO_LARGE', 'MAX_DOCUMENT_BYTES', requestLimits.maxDocumentBytes, query.length,
            `The document is ${query.length} characters long; at most ${requestLimits.maxDocumentBytes} are allowed`)];
        }
        let document: DocumentNode;
        try {
          document = parse(query, { maxTokens: requestLimits.maxTokens });
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          return [new GraphQLError(error.message, { nodes: error.nodes ?? null, source: error.source ?? null, positions: error.positions ?? null, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid.map((e) => new GraphQLError(validationMessage(e.message), { nodes: e.nodes ?? null, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const operationName = payload.operationName ?? null;
        const operation = getOperationAST(document, operationName);
        if (!operation) return [new GraphQLError('Unable to tell which operation to run: name it in operationName', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('This WebSocket serves subscriptions; send queries and mutations over HTTP (POST /graphql)', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const variables = payload.variables ?? {};
        try {
          checkOperationLimits(config, document, operation, variables, schema);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const contextValue: GraphQLContext = {
          graph: graph.scope(),
          config,
          credential: credentials.get(ctx) ?? { kind: 'none' },
          log: logger.child({ subscription: id }),
          mediaType: 'application/json',
          feed,
        };
        contextValue.log.info({ operation: operationName, type: 'subscription' }, 'graphql subscription');
        return { schema, document, operationName, variableValues: variables, contextValue };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        return result.errors ? { ...result, errors: format(result.errors) } : undefined;
      },
      onError(_ctx, _id, _payload, errors) {
        return format(errors);
      },
    },
    wss,
    feedConfig.keepAliveMs,
  );

  return {
    async dispose() {
      feed.stop();
      await cleanup.dispose();
    },
  };
}
