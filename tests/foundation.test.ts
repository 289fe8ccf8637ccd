import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/graph/graph-client.js';
import { openGraph, resetGraph, TestServer } from './setup/harness.js';

describe('the server over a real Neo4j', () => {
  let graph: Graph;
  let server: TestServer;

  beforeAll(async () => {
    graph = openGraph();
    await resetGraph(graph);
    server = await TestServer.start(graph);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it('answers { __typename } at /graphql', async () => {
    expect(await server.data('{ __typename }')).toEqual({ __typename: 'Query' });
  });

  it('is alive at /health', async () => {
    const res = await fetch(`${server.base}/health`);
    expect(res.status).toBe(200);
  });

  it('is ready at /ready only once Neo4j answers and schema and seeds are in place', async () => {
    expect((await fetch(`${server.base}/ready`)).status).toBe(200);
    server.readiness.seedsReady = false;
    const res = await fetch(`${server.base}/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ neo4j: 'up', seeds: false });
    server.readiness.seedsReady = true;
  });

  it('creates the constraints and indexes the model needs, idempotently', async () => {
    await resetGraph(graph); // a second run of ensureSchema must not fail
    const names = (await graph.scope().query('SHOW INDEXES YIELD name RETURN collect(name) AS names'))[0]!.get('names') as string[];
    expect(names).toEqual(expect.arrayContaining(['entity_id', 'source_id', 'fact_id', 'entity_search']));
  });

  it('serves Prometheus metrics with the Cypher round-trip counter', async () => {
    const text = await (await fetch(`${server.base}/metrics`)).text();
    expect(text).toContain('neo4j_queries_total');
    expect(text).toContain('graphql_request_duration_seconds');
  });
});
