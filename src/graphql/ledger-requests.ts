import { GraphQLError } from 'graphql';
import { LoadInProgressError } from '../seed/load-session.js';
import { RevertError } from '../seed/revert.js';
import type { GraphQLContext } from './context.js';
import { loadInProgress } from './errors.js';

/** What a writing request brings to the ledger (who it acts for), and the ledger's refusals as the API's errors. */

/** Who the request acts for, as the ledger records it. */
export function principalOf(ctx: GraphQLContext): string | null {
  return ctx.credential.kind === 'valid' ? ctx.credential.principal.subject : null;
}

/** The ledger's refusals as the API's errors. */
export function ledgerError(error: unknown): unknown {
  if (error instanceof LoadInProgressError) return loadInProgress(error.message);
  if (error instanceof RevertError) return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  return error;
}

