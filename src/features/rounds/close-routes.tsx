/** Closing a round (after a confirmation that says what closing does) and reopening one closed by mistake. */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../env';
import { formatDateTime } from '../../lib/time';
import { ConfirmPage, isConfirmed } from '../../ui/confirm-page';
import { pageContext } from '../../ui/page';
import { requireRole } from '../auth/guard';
import { parseForm } from './form-data';
import { reopenRound, unansweredInvitations } from './reopen';
import { closeRound, findRound, type RoundRow } from './service';

type C = Context<AppEnv>;
type Helpers = {
  back: (c: C, id: string, done: string) => Response;
  refuse: (c: C, id: string, code: string) => Promise<Response>;
};

async function renderCloseConfirm(c: C, round: RoundRow) {
  const page = pageContext(c);
  const { t, locale } = page;
  const { invited, pending } = await unansweredInvitations(c.get('deps'), round.id);
  const consequences = [t('rounds.close.stops')];
  if (invited > 0) consequences.push(t('rounds.close.notHeard', { invited, pending }));
  if (round.closesAt > c.get('deps').clock()) consequences.push(t('rounds.close.early', { planned: formatDateTime(round.closesAt, locale) }));
  return c.html(
    <ConfirmPage
      page={page}
      nav="rounds"
      title={t('rounds.close.confirmTitle', { title: round.title })}
      consequences={consequences}
      action={`/rounds/${round.id}/close`}
      confirmLabel={t('rounds.close.confirm')}
      cancelHref={`/rounds/${round.id}`}
      danger
    />,
  );
}

export function addCloseRoutes(routes: Hono<AppEnv>, { back, refuse }: Helpers) {
  const organizer = requireRole('organizer');

  routes.post('/rounds/:id/close', organizer, async (c) => {
    const round = await findRound(c.get('deps'), c.req.param('id'));
    if (!round) return c.notFound();
    if (round.status === 'closed') return refuse(c, round.id, 'already_closed');
    if (!isConfirmed(await parseForm(c))) return renderCloseConfirm(c, round);
    const closed = await closeRound(c.get('deps'), c.get('staff'), round.id);
    if (!closed.ok) return refuse(c, round.id, closed.error);
    return back(c, round.id, 'closed');
  });

  routes.post('/rounds/:id/reopen', organizer, async (c) => {
    const reopened = await reopenRound(c.get('deps'), c.get('staff'), c.req.param('id'));
    if (!reopened.ok) return reopened.error === 'not_found' ? c.notFound() : refuse(c, c.req.param('id'), reopened.error);
    return back(c, c.req.param('id'), 'reopened');
  });
}
