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
