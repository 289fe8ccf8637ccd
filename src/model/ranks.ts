/**
 * Fact ranks, Wikidata's statement model: among the facts with the same subject (the fact's `from`) and type, the
 * best ones are the PREFERRED ones if there are any, else the NORMAL ones; DEPRECATED facts are never best.
 */

export const RANKS = ['PREFERRED', 'NORMAL', 'DEPRECATED'] as const;
export type Rank = (typeof RANKS)[number];

/** A fact without a stored rank is NORMAL. */
export const DEFAULT_RANK: Rank = 'NORMAL';

/** Which facts a read returns: the best-ranked (the default), all but deprecated ones, or all. */
export const RANK_SELECTIONS = ['BEST', 'NON_DEPRECATED', 'ALL'] as const;
export type RankSelection = (typeof RANK_SELECTIONS)[number];

export const DEFAULT_RANK_SELECTION: RankSelection = 'BEST';

export function isRank(value: unknown): value is Rank {
  return typeof value === 'string' && (RANKS as readonly string[]).includes(value);
}

/** What is wrong with a rank and its reason together, if anything: a deprecation must say why. */
export function rankReasonProblem(rank: Rank | undefined, reason: string | null | undefined): string | undefined {
  if (rank === 'DEPRECATED' && (reason === undefined || reason === null || reason.trim() === '')) {
    return 'a DEPRECATED fact needs a rankReason (why it is deprecated)';
  }
  return undefined;
}
