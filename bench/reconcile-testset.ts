import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import type { GraphScope } from '../src/graph/graph-client.js';
import { reconcile } from '../src/graph/reconcile-cypher.js';
import { nameKey, nameWords } from '../src/model/name-match.js';
import { foldText } from '../src/model/text.js';
import { fileInput } from '../src/seed/seed-reader.js';

/**
 * The reconciliation test set, generated (not written by hand) from the `world-countries` package and the
 * article's seed: every country's common and official names and alternative spellings, each as given, upper-
 * and lower-cased and without accents, plus one deterministic typo of each common and official name; the
 * article's people, organizations and treaties by their names and aliases, the same ways.
 */

export type CaseGroup = 'name' | 'typo';

export interface TestCase {
  query: string;
  expected: string;
  group: CaseGroup;
  /** Where the query came from, e.g. `official name, upper case`. */
  origin: string;
}

interface WorldCountry {
  name: { common: string; official: string };
  cca3: string;
  altSpellings: string[];
}

const require = createRequire(import.meta.url);

/** Without accents on Latin letters, keeping case: `Côte d'Ivoire` → `Cote d'Ivoire` (marks in other scripts are vowels). */
function unaccented(text: string): string {
  return text.normalize('NFKD').replace(/(?<=\p{Script=Latin}\p{M}*)\p{M}/gu, '').normalize('NFC');
}

/** A small deterministic hash (FNV-1a), so a name always gets the same typo. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * One typo, chosen by the name's hash: two neighbouring letters swapped, a letter dropped, doubled or replaced
 * by the next letter of the alphabet; never the first letter, never outside the letters. Undefined when the
 * name has too few letters to hold one.
 */
export function typo(name: string): string | undefined {
  const letters = [...name.matchAll(/\p{L}/gu)].map((m) => m.index).filter((i) => i > 0 && /\p{L}/u.test(name[i - 1]!));
  if (letters.length < 3) return undefined;
  const h = hash(name);
  const at = letters[h % letters.length]!;
  const c = name[at]!;
  switch ((h >>> 8) % 4) {
    case 0: {
      const next = name[at + 1];
      if (next && /\p{L}/u.test(next) && next !== c) return name.slice(0, at) + next + c + name.slice(at + 2);
      return name.slice(0, at) + name.slice(at + 1);
    }
    case 1:
      return name.slice(0, at) + name.slice(at + 1);
    case 2:
      return name.slice(0, at) + c + name.slice(at);
    default: {
      const lower = c.toLowerCase();
      const replaced = lower === 'z' ? 'a' : /[a-y]/.test(lower) ? String.fromCharCode(lower.charCodeAt(0) + 1) : 'e';
      return name.slice(0, at) + (c === lower ? replaced : replaced.toUpperCase()) + name.slice(at + 1);
    }
  }
}

/** A name as given, upper-cased, lower-cased and without accents (each distinct spelling once). */
function spellings(name: string, origin: string): Array<{ query: string; origin: string }> {
  const out = new Map<string, string>();
  for (const [query, how] of [
    [name, origin],
    [name.toUpperCase(), `${origin}, upper case`],
    [name.toLowerCase(), `${origin}, lower case`],
    [unaccented(name), `${origin}, without accents`],
  ] as const) {
    if (!out.has(query)) out.set(query, how);
  }
  return [...out].map(([query, how]) => ({ query, origin: how }));
}

interface NamedEntity {
  id: string;
  names: Array<{ name: string; origin: string; typo: boolean }>;
}

function worldEntities(): NamedEntity[] {
  return (require('world-countries/countries.json') as WorldCountry[]).map((c) => ({
    id: `country:${c.cca3}`,
    names: [
      { name: c.name.common, origin: 'common name', typo: true },
      { name: c.name.official, origin: 'official name', typo: true },
      ...c.altSpellings.map((name) => ({ name, origin: 'alternative spelling', typo: false })),
    ],
  }));
}

export const ARTICLE_SEED = path.join(PROJECT_ROOT, 'seeds', 'article-iran-east-axis.json');

async function articleEntities(): Promise<NamedEntity[]> {
  const out: NamedEntity[] = [];
  for await (const item of fileInput(ARTICLE_SEED).read()) {
    if (!('record' in item) || item.record.category !== 'entity' || item.record.value.kind === 'COUNTRY') continue;
    const e = item.record.value;
    out.push({
      id: e.id,
      names: [
        { name: e.name, origin: `${e.kind.toLowerCase()} name`, typo: true },
        ...(e.aliases ?? []).map((name) => ({ name, origin: `${e.kind.toLowerCase()} alias`, typo: false })),
      ],
    });
  }
  return out;
}

export interface TestSet {
  cases: TestCase[];
  /** Names that belong to more than one entity (after folding): no single right answer, so left out. */
  ambiguous: string[];
}

/** Generates the test set; a typo that spells another entity's name is not a typo of this one and is left out. */
export async function generateTestSet(): Promise<TestSet> {
  const entities = [...worldEntities(), ...(await articleEntities())];
  const owners = new Map<string, Set<string>>();
  for (const e of entities) {
    for (const n of e.names) {
      const key = nameKey(nameWords(n.name));
      if (!owners.has(key)) owners.set(key, new Set());
      owners.get(key)!.add(e.id);
    }
  }
  const ownedByOthers = (text: string, id: string): boolean => [...(owners.get(nameKey(nameWords(text))) ?? [])].some((o) => o !== id);
  const cases: TestCase[] = [];
  const ambiguous = new Set<string>();
  for (const e of entities) {
    for (const n of e.names) {
      if (ownedByOthers(n.name, e.id)) {
        ambiguous.add(n.name);
        continue;
      }
      for (const s of spellings(n.name, n.origin)) cases.push({ ...s, expected: e.id, group: 'name' });
      const misspelt = n.typo ? typo(n.name) : undefined;
      if (misspelt !== undefined && foldText(misspelt) !== foldText(n.name) && !ownedByOthers(misspelt, e.id)) {
        cases.push({ query: misspelt, expected: e.id, group: 'typo', origin: `${n.origin}, one typo` });
      }
    }
  }
  return { cases, ambiguous: [...ambiguous].sort() };
}

export interface Miss {
  case: TestCase;
  got: string | undefined;
  score: number | undefined;
}

export interface GroupFigures {
  cases: number;
  top1: number;
  /** Top-1 correct, as a fraction. */
  accuracy: number;
  matches: number;
  wrongMatches: number;
  misses: Miss[];
  wrong: Miss[];
}

export type AccuracyReport = Record<CaseGroup, GroupFigures>;

/** Runs the test set through the engine in batches of `batch` queries (one round trip each), any kind. */
export async function measureAccuracy(scope: GraphScope, cases: readonly TestCase[], batch = 50): Promise<AccuracyReport> {
  const empty = (): GroupFigures => ({ cases: 0, top1: 0, accuracy: 0, matches: 0, wrongMatches: 0, misses: [], wrong: [] });
  const report: AccuracyReport = { name: empty(), typo: empty() };
  for (let i = 0; i < cases.length; i += batch) {
    const chunk = cases.slice(i, i + batch);
    const results = await reconcile(scope, chunk.map((c) => ({ query: c.query, limit: 3 })));
    chunk.forEach((c, j) => {
      const figures = report[c.group];
      const top = results[j]!.candidates[0];
      figures.cases += 1;
      const miss = { case: c, got: top?.entity.id, score: top?.score };
      if (top?.entity.id === c.expected) figures.top1 += 1;
      else figures.misses.push(miss);
      if (top?.match) {
        figures.matches += 1;
        if (top.entity.id !== c.expected) {
          figures.wrongMatches += 1;
          figures.wrong.push(miss);
        }
      }
    });
  }
  for (const figures of Object.values(report)) figures.accuracy = figures.cases === 0 ? 0 : figures.top1 / figures.cases;
  return report;
}
