import { createReadStream, createWriteStream, mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import type { SeedEntity, SeedFact, SeedSource } from '../src/seed/seed-format.js';

/**
 * A deterministic synthetic knowledge graph with the real model's shape and skew: every real country (from
 * seeds/world-countries.jsonl, with its borders), people, organizations, treaties and sources, and facts whose
 * endpoints follow a power law, plus a few hubs with thousands of facts. Same seed and scale, same bytes.
 */

export const GENERATOR_VERSION = 3;
export const BENCH_DATA_DIR = path.join(PROJECT_ROOT, 'bench', 'data');
export const WORLD_SEED = path.join(PROJECT_ROOT, 'seeds', 'world-countries.jsonl');

/** At scale 1: tens of thousands of entities and a million facts. */
const FULL = { people: 40_000, organizations: 8_000, treaties: 12_000, sources: 2_000, facts: 1_000_000, hubFacts: 5_000 };

/** Named scales; any positive number works too. */
export const SCALES: Record<string, number> = { tiny: 0.002, quick: 0.02, full: 1 };

export function parseScale(text: string): number {
  const named = SCALES[text];
  const value = named ?? Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 10) throw new Error(`scale must be tiny, quick, full or a number in (0, 10], got "${text}"`);
  return value;
}

/** sfc32: small, fast, and good enough for synthetic data; seeded, so runs are reproducible. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Skewed towards 0: a few indexes are picked very often, as real graphs' hubs are. */
  skewed(n: number, power = 2.5): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), power)));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

const SYLLABLES = ['ka', 'ra', 'mo', 'lin', 'tse', 'vor', 'ban', 'dil', 'ush', 'ne', 'pol', 'stra', 'gen', 'ari', 'hol', 'ma', 'zu', 'ten', 'qui', 'ros', 'el', 'vik', 'sar', 'do'];
const FIRST_NAMES = ['Amir', 'Sara', 'Li', 'Olga', 'Jean', 'Maria', 'Ahmed', 'Yuki', 'Ivan', 'Fatima', 'Carlos', 'Anna', 'Kwame', 'Elif', 'Raj', 'Noor', 'Pedro', 'Mei', 'Hassan', 'Ingrid', 'José', 'Zoë', 'Dmitri', 'Leila'];
const ORG_WORDS = ['Energy', 'Trade', 'Security', 'Maritime', 'Digital', 'Agricultural', 'Health', 'Monetary', 'Space', 'Water', 'Cultural', 'Nuclear', 'Labour', 'Transit'];
const ORG_KINDS = ['Council', 'Forum', 'Agency', 'Organization', 'Union', 'Bank', 'Commission', 'Institute', 'Alliance'];
const REGIONS = ['Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Pacific', 'Atlantic', 'Caspian', 'Baltic', 'Andean', 'Sahel', 'Arctic'];
const TREATY_KINDS = ['Agreement', 'Treaty', 'Convention', 'Protocol', 'Accord', 'Memorandum', 'Charter'];
const TREATY_STATUSES = ['PROPOSED', 'NEGOTIATING', 'SIGNED', 'IN_FORCE', 'IN_FORCE', 'IN_FORCE', 'WITHDRAWN', 'TERMINATED'] as const;
const ROLES = ['Minister of Foreign Affairs', 'President', 'Ambassador', 'Secretary-General', 'Director', 'Spokesperson', 'Prime Minister', 'Envoy', 'Chair'];
const STATUSES = ['planned', 'approved', 'signed', 'active', 'suspended', 'withdrawn'];

function word(r: Random, min: number, max: number): string {
  const n = min + r.int(max - min + 1);
  let w = '';
  for (let i = 0; i < n; i++) w += r.pick(SYLLABLES);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date with random precision (year, month or day) in [from, to]. */
function date(r: Random, from = 1950, to = 2024): { text: string; year: number } {
  const year = from + r.int(to - from + 1);
  const p = r.next();
  if (p < 0.4) return { text: String(year), year };
  const month = 1 + r.int(12);
  if (p < 0.7) return { text: `${year}-${pad(month)}`, year };
  return { text: `${year}-${pad(month)}-${pad(1 + r.int(28))}`, year };
}

export interface GeneratedManifest {
  version: number;
  scale: number;
  seed: number;
  files: string[];
  counts: { countries: number; people: number; organizations: number; treaties: number; sources: number; facts: number };
  /** Entities the workload asks about. */
  picks: {
    /** An organization with thousands of facts, all pointing at it. */
    hubOrg: string;
    /** A country with thousands of facts. */
    hubCountry: string;
    /** An ordinary person (a few dozen facts). */
    person: string;
    /** An ordinary organization. */
    organization: string;
    /** Ends of a shortest path. */
    pathFrom: string;
    pathTo: string;
    /** Text that matches several names. */
    searchText: string;
  };
}

export interface GenerateOptions {
  scale: number;
  seed?: number;
  /** Folder for the files; bench/data/seed-<scale>-<seed> by default. */
  dir?: string;
  log?: (line: string) => void;
}

/** Writes lines with backpressure, so a million facts never sit in memory. */
class LineWriter {
  private readonly stream;
  private buffer: string[] = [];
  private size = 0;

  constructor(file: string) {
    this.stream = createWriteStream(file);
  }

  async write(value: unknown): Promise<void> {
    const line = JSON.stringify(value);
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.drain();
  }

  private async drain(): Promise<void> {
    const ok = this.stream.write(`${this.buffer.join('\n')}\n`);
    this.buffer = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.buffer.length) await this.drain();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function countryIds(): Promise<string[]> {
  const ids: string[] = [];
  const lines = readline.createInterface({ input: createReadStream(WORLD_SEED) });
  for await (const line of lines) {
    const m = /^\{"entity":\{"id":"(country:[A-Z]{3})"/.exec(line);
    if (m) ids.push(m[1]!);
  }
  return ids.sort();
}

/** The big powers come first, so skewed picks make them hubs. */
const HUB_COUNTRIES = ['country:USA', 'country:CHN', 'country:RUS', 'country:IRN', 'country:DEU', 'country:FRA', 'country:GBR', 'country:IND'];

export function defaultDir(scale: number, seed: number): string {
  return path.join(BENCH_DATA_DIR, `seed-${scale}-${seed}`);
}

/** Generates the seed files (or reuses them when already generated with the same version, scale and seed). */
export async function generateSeed(options: GenerateOptions): Promise<GeneratedManifest> {
  const seed = options.seed ?? 42;
  const scale = options.scale;
  const dir = options.dir ?? defaultDir(scale, seed);
  const log = options.log ?? (() => {});
  const manifestFile = path.join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as GeneratedManifest;
    if (manifest.version === GENERATOR_VERSION) return manifest;
  }
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const r = new Random(seed);
  const n = (full: number, min: number): number => Math.max(min, Math.round(full * scale));
  const counts = {
    people: n(FULL.people, 40),
    organizations: n(FULL.organizations, 12),
    treaties: n(FULL.treaties, 20),
    sources: n(FULL.sources, 5),
    facts: n(FULL.facts, 2_000),
  };
  const hubFacts = n(FULL.hubFacts, 150);

  const countries = await countryIds();
  const byPower = [...HUB_COUNTRIES.filter((c) => countries.includes(c)), ...countries.filter((c) => !HUB_COUNTRIES.includes(c))];
  const person = (i: number): string => `person:p${i}`;
  const org = (i: number): string => `org:o${i}`;
  const treaty = (i: number): string => `treaty:t${i}`;
  const source = (i: number): string => `source:bench-${i}`;
  // org:o0 and org:o1 are the hub organizations: facts point at them, never from them.
  const HUB_ORGS = 2;

  const file = path.join(dir, 'synthetic.jsonl');
  const out = new LineWriter(file);
  for (let i = 0; i < counts.sources; i++) {
    const s: SeedSource = { id: source(i), title: `${word(r, 2, 3)} ${r.pick(['Gazette', 'Times', 'Report', 'Review', 'Bulletin'])} ${i}`, publisher: `${word(r, 2, 3)} Media` };
    if (r.chance(0.8)) s.publishedOn = date(r, 1990, 2024).text;
    if (r.chance(0.5)) s.url = `https://example.org/${s.id.slice(7)}`;
    await out.write({ source: s });
  }
  const surnames: string[] = [];
  for (let i = 0; i < 600; i++) surnames.push(word(r, 2, 3));
  for (let i = 0; i < counts.people; i++) {
    const surname = surnames[r.skewed(surnames.length, 1.5)]!;
    const e: SeedEntity = { id: person(i), kind: 'PERSON', name: `${r.pick(FIRST_NAMES)} ${surname} ${i}` };
    if (r.chance(0.3)) e.aliases = [`${surname.toUpperCase()} ${i}`];
    if (r.chance(0.6)) e.description = `An official (${r.pick(ROLES)}).`;
    await out.write({ entity: e });
  }
  for (let i = 0; i < counts.organizations; i++) {
    const name =
      i === 0 ? 'Assembly of Nations' : i === 1 ? 'World Trade Forum' : `${r.pick(REGIONS)} ${r.pick(ORG_WORDS)} ${r.pick(ORG_KINDS)} ${i}`;
    const e: SeedEntity = { id: org(i), kind: 'ORGANIZATION', name };
    if (r.chance(0.4)) e.aliases = [name.split(' ').map((w) => w[0]).join('') + String(i)];
    if (r.chance(0.5)) e.description = `An international ${r.pick(ORG_WORDS).toLowerCase()} body.`;
    await out.write({ entity: e });
  }
  for (let i = 0; i < counts.treaties; i++) {
    const status = r.pick(TREATY_STATUSES);
    const e: SeedEntity = { id: treaty(i), kind: 'TREATY', name: `${r.pick(REGIONS)} ${r.pick(ORG_WORDS)} ${r.pick(TREATY_KINDS)} ${i}`, status };
    if (status !== 'PROPOSED' && status !== 'NEGOTIATING') e.signedOn = date(r, 1950, 2024).text;
    if (r.chance(0.3)) e.durationYears = 5 + r.int(30);
    if (r.chance(0.3)) e.clauses = [`${r.pick(ORG_WORDS)} cooperation`, `${r.pick(ORG_WORDS)} exchange`];
    await out.write({ entity: e });
  }

  // Facts. Picks are skewed so that a few entities of each kind collect most of them.
  const anyPerson = (): string => person(r.skewed(counts.people, 1.6));
  const anyOrg = (): string => org(HUB_ORGS + r.skewed(counts.organizations - HUB_ORGS, 2));
  const anyTreaty = (): string => treaty(r.skewed(counts.treaties, 1.8));
  const anyCountry = (): string => byPower[r.skewed(byPower.length, 2.5)]!;
  const anyEntity = (): string => {
    const p = r.next();
    return p < 0.35 ? anyCountry() : p < 0.65 ? anyPerson() : p < 0.85 ? anyOrg() : anyTreaty();
  };
  let factCount = 0;
  const fact = async (f: Omit<SeedFact, 'citations' | 'id'>, quoted = r.chance(0.5)): Promise<void> => {
    if (f.from === f.to) return;
    const start = date(r);
    const full: SeedFact = { id: `fact:g${factCount}`, ...f, startDate: start.text, citations: [] };
    if (r.chance(0.25)) full.endDate = String(start.year + 1 + r.int(15));
    if (r.chance(0.3)) full.summary = `${f.from} ${f.type.toLowerCase().replaceAll('_', ' ')} ${f.to}.`;
    const cites = r.chance(0.2) ? 2 : 1;
    for (let c = 0; c < cites; c++) {
      const s = source(r.skewed(counts.sources, 2));
      full.citations.push(quoted ? { source: s, quote: `“${word(r, 2, 4)} ${word(r, 1, 3).toLowerCase()} ${word(r, 2, 4).toLowerCase()}.”` } : { source: s });
    }
    factCount += 1;
    await out.write({ fact: full });
  };
  // The hubs: every country and thousands of people and organizations relate to org:o0 and org:o1.
  for (const c of countries) {
    await fact({ type: 'MEMBER_OF', from: c, to: org(0), status: 'member' }, false);
    if (r.chance(0.6)) await fact({ type: 'MEMBER_OF', from: c, to: org(1), status: r.pick(['member', 'observer']) }, false);
  }
  for (let i = 0; i < hubFacts; i++) {
    const p = r.next();
    if (p < 0.5) await fact({ type: 'HOLDS_POSITION', from: person(r.int(counts.people)), to: org(i % 2), role: r.pick(ROLES) });
    else if (p < 0.8) await fact({ type: 'MEMBER_OF', from: org(HUB_ORGS + r.int(counts.organizations - HUB_ORGS)), to: org(i % 2) });
    else await fact({ type: 'STATED', from: person(r.int(counts.people)), to: org(i % 2) });
  }
  while (factCount < counts.facts) {
    const p = r.next();
    if (p < 0.1) await fact({ type: 'HOLDS_POSITION', from: anyPerson(), to: r.chance(0.6) ? anyCountry() : anyOrg(), role: r.pick(ROLES) }, false);
    else if (p < 0.25) await fact({ type: 'MEMBER_OF', from: r.chance(0.5) ? anyCountry() : r.chance(0.5) ? anyOrg() : anyPerson(), to: anyOrg(), status: r.pick(STATUSES) }, false);
    else if (p < 0.4) await fact({ type: 'PARTY_TO', from: r.chance(0.8) ? anyCountry() : anyOrg(), to: anyTreaty(), status: r.pick(STATUSES) }, false);
    else if (p < 0.65) await fact({ type: 'STATED', from: anyPerson(), to: anyEntity() });
    else if (p < 0.8) await fact({ type: 'MET_WITH', from: anyPerson(), to: anyPerson() });
    else if (p < 0.85) await fact({ type: 'IMPOSED_SANCTIONS_ON', from: anyCountry(), to: r.chance(0.5) ? anyCountry() : anyPerson(), status: r.pick(STATUSES) });
    else if (p < 0.95) await fact({ type: 'COOPERATES_WITH', from: r.chance(0.5) ? anyCountry() : anyOrg(), to: r.chance(0.5) ? anyCountry() : anyOrg() });
    else await fact({ type: 'LEADS', from: anyPerson(), to: anyOrg() });
  }
  await out.close();

  const mid = (count: number): number => Math.floor(count * 0.6);
  const manifest: GeneratedManifest = {
    version: GENERATOR_VERSION,
    scale,
    seed,
    files: [WORLD_SEED, file],
    counts: { countries: countries.length, ...counts, facts: factCount },
    picks: {
      hubOrg: org(0),
      hubCountry: byPower[0]!,
      person: person(mid(counts.people)),
      organization: org(HUB_ORGS + mid(counts.organizations - HUB_ORGS)),
      pathFrom: person(mid(counts.people) + 1),
      pathTo: person(Math.floor(counts.people * 0.8)),
      searchText: surnames[3]!.slice(0, 5).toLowerCase(),
    },
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`bench: generated ${factCount} facts over ${countries.length + counts.people + counts.organizations + counts.treaties} entities in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir})`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'quick' }, seed: { type: 'string', default: '42' } } });
  const manifest = await generateSeed({ scale: parseScale(values.scale), seed: Number(values.seed), log: (l) => console.error(l) });
  console.log(JSON.stringify(manifest, null, 2));
}
