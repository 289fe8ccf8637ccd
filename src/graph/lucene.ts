import { allowedEdits, LONG_WORD, type PreparedQuery } from '../model/name-match.js';
import { foldText } from '../model/text.js';

/**
 * A Lucene query for text typed by a person: words are folded (case, accents) and matched whole, as prefixes,
 * and (when long enough) with one typo. Only letters and digits survive, so Lucene syntax in the input is inert.
 */
export function luceneQuery(text: string): string | undefined {
  const terms = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `(${t}^4 OR ${t}*${t.length >= 5 ? ` OR ${t}~1` : ''})`).join(' AND ');
}

/**
 * The Lucene query that finds reconciliation candidates (src/graph/reconcile-cypher.ts): each word of the folded
 * name (src/model/name-match.ts) as itself (boosted), as a prefix, with one edit when it has four letters or
 * more, and by its first three letters when it has eight or more; unlike a search, any word may match. Only
 * letters and digits reach Lucene, so its syntax in the input is inert. Undefined when the name has no words.
 */
export function candidateQuery(query: PreparedQuery): string | undefined {
  const terms = [...new Set(query.words.map((w) => w.text))].slice(0, 16);
  if (terms.length === 0) return undefined;
  return terms
    .map((t) => {
      const clauses = [`${t}^4`, `${t}*`];
      if (allowedEdits(t.length) > 0) clauses.push(`${t}~1`);
      // Two-edit fuzzy terms cost Lucene ten times more than one-edit ones; a long word's first letters find
      // the same candidates for the scoring to judge.
      if (t.length >= LONG_WORD) clauses.push(`${t.slice(0, 3)}*`);
      return clauses.join(' OR ');
    })
    .join(' OR ');
}
