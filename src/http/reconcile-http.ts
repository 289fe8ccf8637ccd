import cors from 'cors';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../config.js';
import type { Graph } from '../graph/graph-client.js';
import type { EntityPlan } from '../graph/plan.js';
import { getEntity, searchEntities } from '../graph/read-queries.js';
import {
  checkReconcileInputs,
  reconcile,
  RECONCILE_PROPERTIES,
  ReconcileInputError,
  type ReconcileInput,
} from '../graph/reconcile-cypher.js';
import { ENTITY_KIND_NAMES, ENTITY_KINDS, isEntityKind, type EntityKindName } from '../model/kinds.js';
import { ERROR_CODES, type ErrorCode } from '../graphql/error-codes.js';
import type { Authenticator } from './auth.js';

/**
 * The W3C Reconciliation Service API, version 0.2 (https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/),
 * at /reconcile: the manifest, reconciliation queries (POST form field `queries`, or GET `?queries=`), entity
 * previews and suggest services for entities, types and properties. Types are our entity kinds; ids are our
 * entity ids. Every endpoint allows any origin (the specification requires CORS) and GETs answer JSONP too.
 */

const VERSION = '0.2';
const PREVIEW = { width: 400, height: 180 } as const;
/** Suggestions per page when a client does not say. */
const SUGGEST_PAGE = 10;

class BadRequest extends Error {}

function kindType(kind: EntityKindName): { id: string; name: string } {
  return { id: kind, name: ENTITY_KINDS[kind].label };
}

/** The server's address as the client reached it, for the manifest's URL templates. */
function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function manifest(base: string): Record<string, unknown> {
  return {
    versions: [VERSION],
    name: 'kg-graphql: countries, officials, organizations and treaties',
    identifierSpace: `${base}/explore?id=`,
    schemaSpace: `${base}/reconcile/types/`,
    documentation: `${base}/reconcile`,
    defaultTypes: ENTITY_KIND_NAMES.map(kindType),
    view: { url: `${base}/explore?id={{id}}` },
    preview: { url: `${base}/reconcile/preview?id={{id}}`, ...PREVIEW },
    suggest: {
      entity: { service_url: base, service_path: '/reconcile/suggest/entity' },
      type: { service_url: base, service_path: '/reconcile/suggest/type' },
      property: { service_url: base, service_path: '/reconcile/suggest/property' },
    },
  };
}

/** An error answer: the message and its code from the API's one list, with that code's status. */
function refuse(req: Request, res: Response, code: ErrorCode, message: string): void {
  reply(req, res, { error: message, code }, ERROR_CODES[code].status);
}

/** Sends JSON, or JSONP when a GET names a `callback`. */
function reply(req: Request, res: Response, body: unknown, status = 200): void {
  const callback = req.method === 'GET' ? req.query['callback'] : undefined;
  if (typeof callback === 'string' && callback !== '') {
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(callback)) {
      res.status(ERROR_CODES.BAD_USER_INPUT.status).json({ error: 'callback must be a JavaScript identifier', code: 'BAD_USER_INPUT' });
      return;
    }
    // The comment guards against content sniffing of a JSONP body (the "Rosetta Flash" attack).
    res.status(status).type('application/javascript').send(`/**/${callback}(${JSON.stringify(body)});`);
    return;
  }
  res.status(status).json(body);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One property value of a W3C query as strings: a string, number or boolean, an entity `{id, name}`, or a list of these. */
function propertyValues(v: Json | undefined, at: string): string[] {
  if (Array.isArray(v)) return v.flatMap((item, i) => propertyValues(item, `${at}[${i}]`));
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (v && typeof v === 'object' && (typeof v['id'] === 'string' || typeof v['name'] === 'string')) {
    return [typeof v['id'] === 'string' ? v['id'] : String(v['name'])];
  }
  throw new BadRequest(`${at} must be a string, a number, a boolean, an entity {id, name} or a list of these`);
}

function kindsOf(type: Json | undefined, at: string): EntityKindName[] | null {
  if (type === undefined || type === null) return null;
  const types = Array.isArray(type) ? type : [type];
  return types.map((t, i) => {
    const id = typeof t === 'string' ? t : t && typeof t === 'object' && !Array.isArray(t) ? t['id'] : undefined;
    if (typeof id !== 'string' || !isEntityKind(id)) throw new BadRequest(`${at}${Array.isArray(type) ? `[${i}]` : ''} must be one of ${ENTITY_KIND_NAMES.join(', ')}`);
    return id;
  });
}

/** A W3C query batch (`{"q0": {"query": …, "type": …, "limit": …, "properties": […]}, …}`) as engine inputs. */
export function parseQueryBatch(text: string): Array<{ key: string; input: ReconcileInput }> {
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch {
    throw new BadRequest('queries must be a JSON object of queries');
  }
  if (!batch || typeof batch !== 'object' || Array.isArray(batch)) throw new BadRequest('queries must be a JSON object of queries');
  return Object.entries(batch as Record<string, Json>).map(([key, q]) => {
    const at = `queries.${key}`;
    if (!q || typeof q !== 'object' || Array.isArray(q) || typeof q['query'] !== 'string') {
      throw new BadRequest(`${at} must be an object with a "query" string`);
    }
    const limit = q['limit'];
    if (limit !== undefined && typeof limit !== 'number') throw new BadRequest(`${at}.limit must be a number`);
    const properties = q['properties'] ?? [];
    if (!Array.isArray(properties)) throw new BadRequest(`${at}.properties must be a list`);
    return {
      key,
      input: {
        query: q['query'],
        kinds: kindsOf(q['type'], `${at}.type`),
        limit,
        properties: properties.map((p, i) => {
          if (!p || typeof p !== 'object' || Array.isArray(p) || typeof p['pid'] !== 'string') {
            throw new BadRequest(`${at}.properties[${i}] must be an object with a "pid" string`);
          }
          return { pid: p['pid'], values: propertyValues(p['v'], `${at}.properties[${i}].v`) };
        }),
      },
    };
  });
}

async function answerQueries(graph: Graph, config: Config, text: string): Promise<Record<string, { result: unknown[] }>> {
  const batch = parseQueryBatch(text);
  let requests;
  try {
    requests = checkReconcileInputs(batch.map((b) => b.input), config.limits.maxReconcileQueries);
  } catch (error) {
    // Name the query by its key in the batch rather than by its position.
    if (error instanceof ReconcileInputError) {
      throw new BadRequest(error.message.replace(/^queries\[(\d+)\]/, (_m, i: string) => `queries.${batch[Number(i)]!.key}`));
    }
    throw error;
  }
  const results = await reconcile(graph.scope(), requests);
  return Object.fromEntries(
    batch.map((b, i) => [
      b.key,
      {
        result: results[i]!.candidates.map((c) => ({
          id: c.entity.id,
          name: c.entity.name,
          ...(c.entity.description ? { description: c.entity.description } : {}),
          type: [kindType(c.entity.kind)],
          score: c.score,
          match: c.match,
          features: [{ id: 'matched_main_name', value: c.matchedName === c.entity.name }],
        })),
      },
    ]),
  );
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** What previews and suggestions show of an entity (reads project only what they are asked for). */
const CARD_PLAN: EntityPlan = { fields: ['name', 'aliases', 'description'], related: [] };

/** A small self-contained card for OpenRefine's preview iframe. */
function previewCard(entity: { id: string; kind: EntityKindName; name: string; aliases?: string[]; description?: string }): string {
  const aliases = (entity.aliases ?? []).slice(0, 6);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${html(entity.name)}</title>
<style>body{font:13px/1.4 sans-serif;margin:8px;color:#222}h1{font-size:16px;margin:0 0 4px}.k{color:#666;font-size:11px;text-transform:uppercase}p{margin:4px 0}a{color:#0645ad}</style>
</head><body>
<div class="k">${html(ENTITY_KINDS[entity.kind].label)} · <code>${html(entity.id)}</code></div>
<h1><a href="/explore?id=${encodeURIComponent(entity.id)}" target="_blank" rel="noopener">${html(entity.name)}</a></h1>
${aliases.length > 0 ? `<p><b>Also:</b> ${aliases.map(html).join(' · ')}</p>` : ''}
${entity.description ? `<p>${html(entity.description)}</p>` : ''}
</body></html>`;
}

function page(req: Request): { prefix: string; cursor: number } {
  const prefix = typeof req.query['prefix'] === 'string' ? req.query['prefix'] : '';
  const cursor = Number(req.query['cursor'] ?? 0);
  if (prefix.length > 500) throw new BadRequest('prefix must be at most 500 characters');
  if (!Number.isInteger(cursor) || cursor < 0 || cursor > 1000) throw new BadRequest('cursor must be an integer from 0 to 1000');
  return { prefix, cursor };
}

function startsWithWord(text: string, prefix: string): boolean {
  const p = prefix.trim().toLowerCase();
  return p === '' || text.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(p)) || text.toLowerCase().startsWith(p);
}

export interface ReconcileRouterOptions {
  config: Config;
  graph: Graph;
  authenticator: Authenticator;
}

/** The /reconcile router. */
export function reconcileRouter({ config, graph, authenticator }: ReconcileRouterOptions): Router {
  const router = express.Router();
  router.use(cors({ origin: '*', methods: ['GET', 'POST'], maxAge: 600 }));
  router.use(express.urlencoded({ extended: false, limit: config.requestLimits.maxDocumentBytes * 32 }));

  // Reads here need what GraphQL reads need.
  router.use(async (req, res, next) => {
    const credential = await authenticator.authenticate(req.headers.authorization);
    if (credential.kind === 'invalid') return refuse(req, res, 'UNAUTHENTICATED', credential.reason);
    if (config.auth.requiredForReads && credential.kind !== 'valid') {
      return refuse(req, res, 'UNAUTHENTICATED', 'This server needs credentials for reads: send Authorization: Bearer <API key or JWT>');
    }
    next();
  });

  const handle =
    (work: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await work(req, res);
      } catch (error) {
        if (error instanceof BadRequest) return refuse(req, res, 'BAD_USER_INPUT', error.message);
        throw error;
      }
    };

  const queriesOrManifest = handle(async (req, res) => {
    const queries = req.method === 'POST' ? (req.body as Record<string, unknown> | undefined)?.['queries'] : req.query['queries'];
    if (queries === undefined) {
      if (req.method === 'POST') throw new BadRequest('POST needs a form field "queries" (application/x-www-form-urlencoded)');
      return reply(req, res, manifest(baseUrl(req)));
    }
    if (typeof queries !== 'string') throw new BadRequest('queries must be given once, as JSON');
    reply(req, res, await answerQueries(graph, config, queries));
  });
  router.get('/', queriesOrManifest);
  router.post('/', queriesOrManifest);

  router.get(
    '/preview',
    handle(async (req, res) => {
      const id = req.query['id'];
      if (typeof id !== 'string' || id === '') throw new BadRequest('id is required');
      const entity = await getEntity(graph.scope(), id, CARD_PLAN);
      if (!entity) {
        res.status(404).type('html').send(`<!DOCTYPE html><html lang="en"><body><p>No entity ${html(id)}.</p></body></html>`);
        return;
      }
      res.type('html').send(previewCard(entity));
    }),
  );

  router.get(
    '/suggest/entity',
    handle(async (req, res) => {
      const { prefix, cursor } = page(req);
      const kinds = kindsOf((req.query['type'] as string | undefined) ?? null, 'type');
      const found = await searchEntities(graph.scope(), { text: prefix, kinds, first: cursor + SUGGEST_PAGE }, CARD_PLAN);
      reply(req, res, {
        result: found.slice(cursor).map((e) => ({
          id: e.id,
          name: e.name,
          ...(e.description ? { description: e.description } : {}),
          notable: [kindType(e.kind)],
        })),
      });
    }),
  );

  router.get(
    '/suggest/type',
    handle(async (req, res) => {
      const { prefix, cursor } = page(req);
      const types = ENTITY_KIND_NAMES.map(kindType).filter((t) => startsWithWord(t.name, prefix) || startsWithWord(t.id, prefix));
      reply(req, res, { result: types.slice(cursor, cursor + SUGGEST_PAGE) });
    }),
  );

  router.get(
    '/suggest/property',
    handle(async (req, res) => {
      const { prefix, cursor } = page(req);
      const properties = Object.entries(RECONCILE_PROPERTIES)
        .map(([id, p]) => ({ id, name: p.name, description: p.description }))
        .filter((p) => startsWithWord(p.name, prefix) || startsWithWord(p.id, prefix));
      reply(req, res, { result: properties.slice(cursor, cursor + SUGGEST_PAGE) });
    }),
  );

  return router;
}
