import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { formatTable, runBench, type Measurement } from '../bench/run.js';

/**
 * The bench at a tiny scale, so that it never rots: it generates and loads a small graph into the test Neo4j,
 * runs every query against the floor, this server, naive resolvers and @neo4j/graphql for a moment each, and the
 * floor and this server must return the same data.
 */
describe('the bench, at a tiny scale', () => {
  it('measures every query and this server answers exactly what the floor answers', { timeout: 240_000 }, async () => {
    const results = await runBench({
      scale: 0.002,
      neo4jUri: inject('neo4jUri'),
      reload: true,
      samples: 2,
      maxSampleSeconds: 1,
      connections: 2,
      durationSeconds: 0.3,
      // Neo4j takes half a minute to plan @neo4j/graphql's deeply nested query the first time.
      exclude: ['entity3:neo4j-graphql'],
      log: () => {},
    });
    expect(results.counts.storedFacts).toBeGreaterThan(2_000);
    expect(results.loader?.factsPerSecond).toBeGreaterThan(0);
    expect(results.queries.map((q) => q.name)).toEqual([
      'entity3',
      'search',
      'neighborhoodHub',
      'neighborhood',
      'shortestPath',
      'listPage3',
      'timeline',
      'hubAsOf',
    ]);
    for (const q of results.queries) {
      const floor = q.results.floor as Measurement;
      const server = q.results.server as Measurement;
      const naive = q.results.naive as Measurement;
      expect(floor.p50, q.name).toBeGreaterThan(0);
      expect(floor.throughput, q.name).toBeGreaterThan(0);
      expect(server.throughput, q.name).toBeGreaterThan(0);
      expect(server.errors, q.name).toBe(0);
      expect(server.sameAsFloor, `${q.name}: the server's data equals the floor's`).toBe(true);
      expect(naive.sameAsFloor, `${q.name}: the naive resolvers' data equals the floor's`).toBe(true);
      // One Cypher round trip per root field, whatever the selection; the naive design needs more for nested data.
      expect(server.roundTrips, q.name).toBe(1);
      expect(server.dbHits, q.name).toBeGreaterThanOrEqual(0);
      if (q.name !== 'entity3') expect(q.results['neo4j-graphql'], q.name).toBeDefined();
    }
    expect((results.queries[0]!.results.naive as Measurement).roundTrips).toBeGreaterThan(10);
    expect(formatTable(results)).toContain('| hubAsOf | server |');
    // Dashboards revalidating between writes: 304s, and no Cypher but the version reads.
    const dashboard = results.dashboard!;
    expect(dashboard.repeat.server.notModified).toBeGreaterThan(0);
    expect(dashboard.repeat.server.statements).toBe(0);
    // A writer in another process while they poll: nothing stale past the bound.
    expect(dashboard.mixed.writes).toBeGreaterThan(0);
    expect(dashboard.mixed.stale).toBe(0);
  });
});
