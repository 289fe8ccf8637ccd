import { distance } from 'fastest-levenshtein';

/**
 * How well a name a person typed matches an entity's names, scored 0–100. Pure: the reconciliation engine
 * (src/graph/reconcile-cypher.ts) fetches candidates from the full-text index and ranks them with this.
 *
 * Names are compared as folded words: case, accents, punctuation and spacing are ignored, the order of the words
 * does not matter, small words ("of", "the") are dropped, common abbreviations ("Org.", "Rep.", "St.") are
 * expanded and a word ending in "." may abbreviate any word it begins. Each query word is paired with the name
 * word it is most like: equal (1), an abbreviation (0.95), a prefix of at least three letters (0.85), or within
 * one edit (two for words of eight letters or more; an edit is an insertion, deletion, substitution or swap of
 * neighbours): 1 − edits / length. The score is the Dice coefficient of the pairing; the whole names written
 * without spaces are also compared by edits, and the better of the two counts.
 */

/** Scores at or above this are "exact": equal after folding, word order and abbreviations. */
export const EXACT_SCORE = 100;
/** A candidate that is not exact is a confident match from this score… */
export const CONFIDENT_SCORE = 90;
/** …when the next candidate scores at least this much less. */
export const CONFIDENT_GAP = 10;

const STOP_WORDS = new Set(['the', 'of', 'and', 'de', 'la', 'le', 'les', 'du', 'des', 'da', 'del', 'et']);

/** Abbreviations that do not begin the word they stand for, or are written without a dot. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  org: 'organization',
  orgn: 'organization',
  organisation: 'organization',
  rep: 'republic',
  repub: 'republic',
  dem: 'democratic',
  fed: 'federation',
  st: 'saint',
  ste: 'sainte',
  mt: 'mount',
  intl: 'international',
  natl: 'national',
  govt: 'government',
  dept: 'department',
  isl: 'islands',
  co: 'company',
  corp: 'corporation',
};

/** Letters NFKD leaves whole, as Lucene's ASCII folding spells them. */
const LETTERS: Readonly<Record<string, string>> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th', ħ: 'h',
};

/**
 * foldText, but marks are only dropped where they are accents (on Latin, Greek and Cyrillic letters): in Tamil
 * or Devanagari they are vowels, and Hangul syllables are composed again, as the full-text index keeps them.
 */
function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{M}*)\p{M}/gu, '')
    .normalize('NFC')
    .toLowerCase();
}

export interface Word {
  text: string;
  /** Written with a trailing dot: it may abbreviate any word it begins. */
  abbreviated: boolean;
}

/** Folds a name into words: `"Shanghai Cooperation Org."` → shanghai, cooperation, organization (abbreviated). */
export function nameWords(name: string): Word[] {
  const folded = foldName(name)
    .replace(/[øæœßđðłıþħ]/g, (c) => LETTERS[c] ?? c)
    .replace(/&/g, ' and ')
    // Apostrophes join (d'Ivoire → divoire), as they do in the full-text index's words.
    .replace(/['’ʻʼ`]/g, '');
  const matches = [...folded.matchAll(/([\p{L}\p{N}\p{M}]+)(\.)?/gu)];
  const words: Word[] = [];
  for (const m of matches) {
    const text = m[1]!;
    const dotted = m[2] === '.';
    // A lone word without a dot is a name of its own ("ST" is São Tomé's code, not "Saint").
    const expanded = dotted || matches.length > 1 ? ABBREVIATIONS[text] : undefined;
    words.push(expanded ? { text: expanded, abbreviated: false } : { text, abbreviated: dotted && text.length < 6 });
  }
  // Small words are dropped unless nothing else is left ("LA", "DE" are country codes too).
  const kept = words.filter((w) => !STOP_WORDS.has(w.text));
  return kept.length > 0 ? kept : words;
}

/** The words of a name as one key: equal keys are the same name up to folding (word order included). */
export function nameKey(words: readonly Word[]): string {
  return words
    .map((w) => w.text)
    .sort()
    .join(' ');
}

/** Words this long allow two edits. */
export const LONG_WORD = 8;

/** Edits allowed in a word of this length. */
export function allowedEdits(length: number): number {
  return length >= LONG_WORD ? 2 : length >= 4 ? 1 : 0;
}

/** True when b is a with two neighbouring letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Edits between two words, a swap of neighbours counting as one (as typists make it). */
function edits(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && swapped(a, b) ? 1 : d;
}

/** How alike a query word and a name word are, 0–1. */
export function wordSimilarity(q: Word, n: string): number {
  if (q.text === n) return 1;
  if (q.abbreviated && n.startsWith(q.text)) return 0.95;
  if (q.text.length >= 3 && n.length > q.text.length && n.startsWith(q.text)) return 0.85;
  const length = Math.max(q.text.length, n.length);
  const allowed = Math.min(q.text.length, n.length) < 3 ? 0 : allowedEdits(length);
  if (allowed === 0 || Math.abs(q.text.length - n.length) > allowed) return 0;
  const d = edits(q.text, n);
  return d <= allowed ? 1 - d / length : 0;
}

/** Pairs each query word with its most alike name word (each used once) and returns the Dice coefficient. */
function wordScore(query: readonly Word[], name: readonly Word[]): number {
  const free = name.map((w) => w.text);
  let total = 0;
  for (const q of query) {
    let best = 0;
    let at = -1;
    for (const [i, n] of free.entries()) {
      const s = wordSimilarity(q, n);
      if (s > best) {
        best = s;
        at = i;
      }
    }
    if (at >= 0) {
      total += best;
      free.splice(at, 1);
    }
  }
  return (2 * total) / (query.length + name.length);
}

/** The names without spaces, compared by edits (so "Southkorea" still finds "South Korea"). */
function spellingScore(query: readonly Word[], name: readonly Word[]): number {
  const a = query.map((w) => w.text).join('');
  const b = name.map((w) => w.text).join('');
  const length = Math.max(a.length, b.length);
  if (length === 0 || Math.abs(a.length - b.length) > 3) return 0;
  return Math.max(0, 1 - edits(a, b) / length);
}

/** A query folded once, to be scored against many names. */
export interface PreparedQuery {
  words: Word[];
  key: string;
}

export function prepareQuery(text: string): PreparedQuery {
  const words = nameWords(text);
  return { words, key: nameKey(words) };
}

/** Folded names, kept while a batch is scored: the same candidates come back for many queries. */
export class NameCache {
  private readonly names = new Map<string, PreparedQuery>();

  get(name: string): PreparedQuery {
    let prepared = this.names.get(name);
    if (prepared === undefined) {
      prepared = prepareQuery(name);
      this.names.set(name, prepared);
    }
    return prepared;
  }
}

/** The score, 0–100, of one name for a query: 100 when they are equal after folding. */
export function scoreName(query: PreparedQuery, name: string, cache?: NameCache): number {
  const { words, key } = cache ? cache.get(name) : prepareQuery(name);
  if (query.words.length === 0 || words.length === 0) return 0;
  if (key === query.key) return EXACT_SCORE;
  const byWords = wordScore(query.words, words);
  // Spelling the names without spaces only helps where words were split or joined differently.
  const score = query.words.length === words.length ? byWords : Math.max(byWords, spellingScore(query.words, words));
  // Only equal names may score 100.
  return Math.min(EXACT_SCORE - 1, Math.round(score * 1000) / 10);
}

export interface NamedCandidate {
  id: string;
  name: string;
  aliases?: readonly string[] | undefined;
}

export interface ScoredCandidate<C extends NamedCandidate> {
  candidate: C;
  score: number;
  /** The name or alias that scored best. */
  matchedName: string;
  match: boolean;
}

/** The best-scoring of an entity's names; the main name wins ties. */
export function bestName(query: PreparedQuery, candidate: NamedCandidate, cache?: NameCache): { score: number; matchedName: string } {
  let best = { score: scoreName(query, candidate.name, cache), matchedName: candidate.name };
  for (const alias of candidate.aliases ?? []) {
    if (best.score === EXACT_SCORE) break;
    const score = scoreName(query, alias, cache);
    if (score > best.score) best = { score, matchedName: alias };
  }
  return best;
}

/**
 * The confident-match rule: the best candidate is a match when it is the only one whose name or alias equals
 * the query after folding, or, when none does, it scores at least CONFIDENT_SCORE and every other candidate
 * scores at least CONFIDENT_GAP less. Anything else is left for a person to choose.
 */
export function isConfident(scores: readonly number[]): boolean {
  const [top, next] = scores;
  if (top === undefined) return false;
  if (top === EXACT_SCORE) return next !== EXACT_SCORE;
  return top >= CONFIDENT_SCORE && (next === undefined || top - next >= CONFIDENT_GAP);
}

/** Scores and ranks candidates for a query (best first; then by main-name match, then id), marking the match. */
export function rankCandidates<C extends NamedCandidate>(
  query: PreparedQuery,
  candidates: readonly C[],
  cache = new NameCache(),
  /** The query as typed: a candidate whose id it is scores 100, its id being the evidence. */
  asTyped?: string,
): Array<ScoredCandidate<C>> {
  const ranked = candidates
    .map((candidate) => ({
      candidate,
      ...(candidate.id === asTyped ? { score: EXACT_SCORE, matchedName: candidate.id } : bestName(query, candidate, cache)),
      match: false,
    }))
    .filter((c) => c.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.matchedName === b.candidate.name) - Number(a.matchedName === a.candidate.name) ||
        (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
    );
  if (ranked[0] && isConfident(ranked.map((c) => c.score))) ranked[0].match = true;
  return ranked;
}
