/** What a provider call's outcome does to each of its rows, applied as one D1 batch. */
import type { OutboxStatus } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { ERASURE_COMPLETED_KIND } from '../stakeholders/erasure-mail';
import { erasedAddress } from '../stakeholders/scrub';
import type { CallOutcome } from './sender';
import { moveStatements, type OutboxChanges, type OutboxRow } from './status';

export type Move = { id: string; to: OutboxStatus; detail: string | null; changes: OutboxChanges; countAttempt?: boolean; retryAfterSeconds?: number; at?: Date };

type Policy = { maxAttempts: number; delaySeconds: (row: OutboxRow) => number };

/**
 * Sent rows get the provider's id; rows Resend refused get its message, for good; a failed call puts its rows
 * back in the queue until the last attempt, waiting out the delay (`not_before`), then fails them.
 */
export function deliveryMoves(deps: Deps, call: { rows: OutboxRow[] }, outcome: CallOutcome, policy: Policy): Move[] {
  const now = deps.clock();
  const provider = deps.config.resendApiKey ? 'resend' : 'local';
  return call.rows.map((row): Move => ({ ...deliveryMove(row), at: now }));

  function deliveryMove(row: OutboxRow): Move {
    if (outcome.ok) {
      const result = outcome.rows.get(row.id) ?? { ok: false, error: 'resend: no result for this email' };
      if (result.ok) {
        return {
          id: row.id,
          to: 'sent',
          detail: provider,
          changes: { provider, providerMessageId: result.providerMessageId, sentAt: now, lastError: null, notBefore: null, ...wipedOnceSent(row) },
          countAttempt: true,
        };
      }
      return { id: row.id, to: 'failed', detail: result.error, changes: { provider, lastError: result.error, notBefore: null }, countAttempt: true };
    }
    if (outcome.retryable && row.attempts + 1 < policy.maxAttempts) {
      const delay = policy.delaySeconds(row);
      return {
        id: row.id,
        to: 'queued',
        detail: outcome.error,
        changes: { lastError: outcome.error, notBefore: new Date(now.getTime() + delay * 1000) },
        countAttempt: true,
        retryAfterSeconds: delay,
      };
    }
    return { id: row.id, to: 'failed', detail: outcome.error, changes: { lastError: outcome.error, notBefore: null }, countAttempt: true };
  }
}

/**
 * The mail that tells a person their data is erased is the one row that needed their address after erasure: once
 * it has gone, the address and the body go too (delivery webhooks find the row by the provider's id).
 */
function wipedOnceSent(row: OutboxRow) {
  if (row.kind !== ERASURE_COMPLETED_KIND || !row.stakeholderId) return {};
  return { toEmail: erasedAddress(row.stakeholderId), toName: null, html: '', text: '' };
}

/** Moves from `sending`, each only if its row is still there, with their events: one batch (one transaction). */
export async function runMoves(deps: Deps, moves: Move[], from: OutboxStatus = 'sending'): Promise<void> {
  const statements = moves.flatMap((move) => moveStatements(deps, move.id, from, move.to, move.detail, { changes: move.changes, countAttempt: move.countAttempt, at: move.at }));
  if (statements.length > 0) await deps.db.batch(statements as unknown as Parameters<Deps['db']['batch']>[0]);
}
