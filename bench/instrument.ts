import type { Driver, ManagedTransaction, Session, SessionConfig } from 'neo4j-driver';
import { READ_GRAPH_VERSION } from '../src/graph/graph-version.js';

/**
 * A driver that counts and records the Cypher statements run through it, whoever runs them (our GraphScope,
 * naive resolvers, @neo4j/graphql), so that round trips and PROFILE db hits are measured the same way for all.
 */

export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}

export class StatementLog {
  count = 0;
  recording = false;
  statements: Statement[] = [];

  reset(record: boolean): void {
    this.count = 0;
    this.recording = record;
    this.statements = [];
  }

  note(cypher: string, params: Record<string, unknown> | undefined): void {
    // The server's health checks ping Neo4j in the background; they are not part of any operation.
    if (cypher.trim() === 'RETURN 1') return;
    // Nor are its graph version reads (at most one per GRAPH_VERSION_MAX_AGE_MS, whatever the load): the
    // server's /metrics counts them (graph_version_reads_total).
    if (cypher === READ_GRAPH_VERSION) return;
    this.count += 1;
    if (this.recording) this.statements.push({ cypher, params: params ?? {} });
  }
}

type Run = ManagedTransaction['run'];

function recordingTx<T extends { run: Run }>(tx: T, log: StatementLog): T {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === 'run') {
        return ((cypher: string, params?: Record<string, unknown>) => {
          log.note(cypher, params);
          return target.run(cypher, params);
        }) as Run;
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function recordingSession(session: Session, log: StatementLog): Session {
  return new Proxy(session, {
    get(target, prop, receiver) {
      if (prop === 'executeRead' || prop === 'executeWrite') {
        const original = target[prop].bind(target);
        return <R>(work: (tx: ManagedTransaction) => Promise<R>, config?: Parameters<Session['executeRead']>[1]) =>
          original((tx: ManagedTransaction) => work(recordingTx(tx, log)), config);
      }
      if (prop === 'run') {
        return ((cypher: string, params?: Record<string, unknown>) => {
          log.note(cypher, params);
          return target.run(cypher, params);
        }) as Session['run'];
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function recordingDriver(driver: Driver, log: StatementLog): Driver {
  return new Proxy(driver, {
    get(target, prop, receiver) {
      if (prop === 'session') return (config?: SessionConfig) => recordingSession(target.session(config), log);
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** A plan as indented text: operator, rows, db hits and details, for reading where a query spends its work. */
export function formatPlan(plan: PlanNode, depth = 0): string {
  const details = String(plan.arguments['Details'] ?? '').replace(/\s+/g, ' ').slice(0, 140);
  const line = `${'  '.repeat(depth)}${plan.operatorType.replace(/@.*$/, '')} rows=${plan.rows} dbHits=${plan.dbHits} ${details}`;
  return [line, ...plan.children.map((c) => formatPlan(c, depth + 1))].join('\n');
}

export function dbHitsOf(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((sum, c) => sum + dbHitsOf(c), 0);
}

/** Total PROFILE db hits of the statements, run again (read only) with their own parameters. */
export async function profileDbHits(driver: Driver, statements: Statement[], database = 'neo4j'): Promise<number> {
  const plans = await profilePlans(driver, statements, database);
  return plans.reduce((sum, p) => sum + dbHitsOf(p), 0);
}

export async function profilePlans(driver: Driver, statements: Statement[], database = 'neo4j'): Promise<PlanNode[]> {
  const session = driver.session({ database });
  try {
    const plans: PlanNode[] = [];
    for (const s of statements) {
      // Statements may carry their own CYPHER options prefix; PROFILE goes after it.
      const m = /^\s*(CYPHER(?:\s+(?:\d+|\w+=\w+))*\s+)?/i.exec(s.cypher);
      const prefix = m?.[1] ?? '';
      const text = `${prefix}PROFILE ${s.cypher.slice(m?.[0].length ?? 0)}`;
      const result = await session.executeRead((tx) => tx.run(text, s.params));
      const profile = result.summary.profile;
      if (profile !== false) plans.push(profile as unknown as PlanNode);
    }
    return plans;
  } finally {
    await session.close();
  }
}
