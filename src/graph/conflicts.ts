import { CypherBuilder, type Statement } from './cypher.js';
import type { GraphScope } from './graph-client.js';
import { hydrateEntity, hydrateRelation, type Raw } from './hydration.js';
import type { ConflictModel } from './models.js';
import type { EntityPlan, RelationPlan } from './plan.js';
import { entityProjection, relationMatch, relationProjection } from './projection.js';

/**
 * Conflicts between sources: groups of best-ranked facts with the same subject, type and object in which two facts
 * whose periods overlap (open ends overlap everything) disagree on status (both given, different) or on dates
 * (both give a start, or both an end, and they differ). Facts with disjoint periods do not conflict (a position
 * held twice), nor do facts that agree, nor a fact silent on what another states.
 */

export interface ConflictPosition {
  from: string;
  type: string;
  to: string;
}

export interface ConflictArgs {
  entityId: string | null;
  types: string[] | null;
  size: number;
  after: ConflictPosition | null;
}

const overlap = (x: string, y: string): string =>
  `(${x}.validFrom IS NULL OR ${y}.validTo IS NULL OR ${x}.validFrom <= ${y}.validTo) AND (${y}.validFrom IS NULL OR ${x}.validTo IS NULL OR ${y}.validFrom <= ${x}.validTo)`;
const statusDiffers = (x: string, y: string): string => `${x}.status IS NOT NULL AND ${y}.status IS NOT NULL AND ${x}.status <> ${y}.status`;
const datesDiffer = (x: string, y: string): string =>
  `((${x}.startDate IS NOT NULL AND ${y}.startDate IS NOT NULL AND ${x}.startDate <> ${y}.startDate) OR (${x}.endDate IS NOT NULL AND ${y}.endDate IS NOT NULL AND ${x}.endDate <> ${y}.endDate))`;

/** The conflicting groups as rows (a, type, z, rels, byStatus, byDates), from the matched facts on. */
function conflictGroups(b: CypherBuilder, args: ConflictArgs, withCursor: boolean): { text: string; a: string; z: string; rs: string } {
  const [a, r, z] = [b.variable('v'), b.variable('r'), b.variable('o')];
  const match =
    args.entityId === null
      ? `MATCH (${a}:Entity)-[${r}:FACT]->(${z}:Entity)`
      : `MATCH (:Entity {id: ${b.param(args.entityId)}})-[${r}:FACT]-()\nWITH ${r}, startNode(${r}) AS ${a}, endNode(${r}) AS ${z}`;
  const where = [`${r}.outranked IS NULL`];
  if (args.types !== null) where.push(`${r}.type IN ${b.param(args.types)}`);
  const cursor: string[] = [];
  if (withCursor && args.after !== null) {
    const [f, t, o] = [b.param(args.after.from), b.param(args.after.type), b.param(args.after.to)];
    cursor.push(`WHERE ${a}.id > ${f} OR (${a}.id = ${f} AND (type > ${t} OR (type = ${t} AND ${z}.id > ${o})))`);
  }
  const rs = b.variable('rels');
  const [x, y] = [b.variable('r'), b.variable('r')];
  const clash = (differs: (x: string, y: string) => string): string =>
    `any(${x} IN ${rs} WHERE any(${y} IN ${rs} WHERE ${x} <> ${y} AND ${overlap(x, y)} AND ${differs(x, y)}))`;
  return {
    a,
    z,
    rs,
    text: `${match}
WHERE ${where.join(' AND ')}
WITH ${a}, ${r}.type AS type, ${z}, collect(${r}) AS ${rs}
${cursor.join('\n')}
WITH ${a}, type, ${z}, ${rs} WHERE size(${rs}) > 1
WITH ${a}, type, ${z}, ${rs}, ${clash(statusDiffers)} AS byStatus, ${clash(datesDiffer)} AS byDates
WHERE byStatus OR byDates`,
  };
}

/** What a selection of conflicts reads: the common subject and object, and the facts. */
export interface ConflictPlans {
  from: EntityPlan;
  to: EntityPlan;
  fact: RelationPlan;
}

/** One statement: how many groups conflict in all, and a page of them with their facts. */
export function conflictsStatement(args: ConflictArgs, plans: ConflictPlans): Statement {
  const plan = plans.fact;
  const b = new CypherBuilder();
  const all = conflictGroups(b, args, false);
  const { text, a, z, rs } = conflictGroups(b, args, true);
  const f = b.variable('r');
  const s = b.variable('s');
  const { match: ends, ends: endVars } = relationMatch(b, f, plan);
  return b.statement(`CALL {
${all.text}
RETURN count(*) AS total
}
CALL {
WITH total
${text}
WITH ${a}, type, ${z}, ${rs}, byStatus, byDates ORDER BY ${a}.id, type, ${z}.id LIMIT ${b.intParam(args.size + 1)}
WITH ${a}, type, ${z}, byStatus, byDates, COLLECT {
  UNWIND ${rs} AS ${f}
  CALL { WITH ${f} UNWIND ${f}.sourceIds AS sid MATCH (${s}:Source {id: sid}) RETURN max(${s}.publishedOn) AS newest }
  WITH ${f}, newest ORDER BY newest DESC, ${f}.id
  ${ends}
  RETURN ${relationProjection(b, f, plan, endVars)}
} AS facts
RETURN collect({ from: ${entityProjection(b, a, plans.from)}, type: type, to: ${entityProjection(b, z, plans.to)}, byStatus: byStatus, byDates: byDates, facts: facts }) AS groups
}
RETURN total, groups`);
}

export interface ConflictPage {
  items: Array<{ position: ConflictPosition; conflict: ConflictModel }>;
  hasNextPage: boolean;
  total: number;
}

export async function conflicts(scope: GraphScope, args: ConflictArgs, plans: ConflictPlans): Promise<ConflictPage> {
  const statement = conflictsStatement(args, plans);
  const [record] = await scope.query(statement.cypher, statement.params);
  const groups = (record?.get('groups') as Raw[] | undefined) ?? [];
  const items = groups.slice(0, args.size).map((row) => {
    const from = hydrateEntity(row['from'] as Raw, plans.from);
    const to = hydrateEntity(row['to'] as Raw, plans.to);
    const kinds: ConflictModel['kinds'] = [...(row['byStatus'] ? ['STATUS' as const] : []), ...(row['byDates'] ? ['DATES' as const] : [])];
    const type = row['type'] as string;
    return {
      position: { from: from.id, type, to: to.id },
      conflict: { id: `conflict:${from.id}|${type}|${to.id}`, from, type, to, kinds, facts: (row['facts'] as Raw[]).map((raw) => hydrateRelation(raw, plans.fact)) },
    };
  });
  return { items, hasNextPage: groups.length > args.size, total: (record?.get('total') as number | undefined) ?? 0 };
}
