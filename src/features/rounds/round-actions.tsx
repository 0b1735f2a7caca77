/** Panels of the round page that act on the whole round: inviting those not yet invited, reopening a round closed early. */
import { formatDateTime } from '../../lib/time';
import type { PageContext } from '../../ui/layout';
import type { AudienceTotals } from './audience';
import type { RoundRow } from './service';
import { closedEarlyAt } from './views';

/**
 * Always says who is left to invite; while the round is open it offers to invite them, with the count on the button.
 * Sending is idempotent: pressing twice invites no one twice.
 */
export function InvitePanel({ page, round, audience, canChange }: { page: PageContext; round: RoundRow; audience: AudienceTotals; canChange: boolean }) {
  const { t } = page;
  if (round.status === 'closed') return null;
  const unmailable = audience.total - audience.mailable;
  return (
    <section class="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('rounds.inviteRest.title')}</h2>
      {round.status === 'draft' ? (
        <p>{t('rounds.inviteRest.draft', { count: audience.toInvite })}</p>
      ) : audience.toInvite > 0 ? (
        <>
          <p>{t('rounds.inviteRest.pending', { count: audience.toInvite })}</p>
          {canChange ? (
            <form method="post" action={`/rounds/${round.id}/invitations`}>
              <p class="field__hint">{t('rounds.inviteRest.hint')}</p>
              <button type="submit">{t('rounds.inviteRest.button', { count: audience.toInvite })}</button>
            </form>
          ) : null}
        </>
      ) : (
        <p>{t('rounds.inviteRest.allInvited', { invited: audience.invited })}</p>
      )}
      {unmailable > 0 ? <p class="muted">{t('rounds.inviteRest.unmailable', { count: unmailable })}</p> : null}
    </section>
  );
}

/** A round closed by mistake can be reopened until its planned end; after that the button is not offered. */
export function ReopenPanel({ page, round, now }: { page: PageContext; round: RoundRow; now: Date }) {
  const { t } = page;
  if (round.status !== 'closed' || !closedEarlyAt(round) || round.closesAt <= now || round.publishedAt) return null;
  return (
    <form method="post" action={`/rounds/${round.id}/reopen`} class="panel">
      <p>{t('rounds.reopen.hint', { planned: formatDateTime(round.closesAt, page.locale) })}</p>
      <button type="submit" class="button--secondary">
        {t('rounds.action.reopen')}
      </button>
    </form>
  );
}
