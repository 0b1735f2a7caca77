/** Publishing a round's results (staff) and the public "you said, we did" page at /p/:roundId (no sign-in). */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../env';
import { message, validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { requireRole } from '../auth/guard';
import { one, parseForm } from '../rounds/form-data';
import { findRound } from '../rounds/service';
import { loadPublicResults } from './results';
import { authorsToTell, pendingCount, publicUrl, publishRound, REVISED_DRAFT_MAX, unpublishRound } from './service';
import { ConfirmPage, isConfirmed } from '../../ui/confirm-page';
import { ManagePage, PublicNotFoundPage, PublicPage } from './views';

export const publicationRoutes = new Hono<AppEnv>();

const organizer = requireRole('organizer');
type C = Context<AppEnv>;

const publishSchema = v.object({ revisedDraft: v.pipe(v.string(), v.maxLength(REVISED_DRAFT_MAX, message('validation.tooLong'))) });

async function renderManage(c: C, roundId: string, state: { revisedDraft?: string; errors?: Record<string, string>; flash?: string | null; status?: 200 | 409 | 422 } = {}) {
  const deps = c.get('deps');
  const round = await findRound(deps, roundId);
  if (!round) return c.notFound();
  const pending = await pendingCount(deps, round.id);
  return c.html(
    <ManagePage page={pageContext(c)} round={round} pending={pending} revisedDraft={state.revisedDraft ?? round.revisedDraft ?? ''} errors={state.errors} flash={state.flash} />,
    state.status ?? 200,
  );
}

/** Before publishing: where the results become public and how many authors will be emailed. */
async function renderPublishConfirm(c: C, roundId: string, revisedDraft: string) {
  const deps = c.get('deps');
  const round = await findRound(deps, roundId);
  if (!round) return c.notFound();
  if (round.status !== 'closed') return renderManage(c, roundId, { revisedDraft, errors: { revisedDraft: c.get('t')('publication.error.notClosed') }, status: 409 });
  const t = c.get('t');
  const count = await authorsToTell(deps, round.id);
  return c.html(
    <ConfirmPage
      page={pageContext(c)}
      nav="rounds"
      title={t('publication.confirm.title', { title: round.title })}
      consequences={[t('publication.confirm.public', { url: publicUrl(deps, round.id) }), count > 0 ? t('publication.confirm.mail', { count }) : t('publication.confirm.noMail')]}
      action={`/rounds/${round.id}/publish`}
      fields={{ revisedDraft }}
      confirmLabel={count > 0 ? t('publication.confirm.button', { count }) : t('publication.manage.publish')}
      cancelHref={`/rounds/${round.id}/publish`}
    />,
  );
}

publicationRoutes.get('/rounds/:id/publish', organizer, (c) => {
  const t = c.get('t');
  const done = c.req.query('done');
  const mailed = Number.parseInt(c.req.query('mailed') ?? '0', 10) || 0;
  const flash = done === 'published' ? t('publication.manage.done', { mailed }) : done === 'withdrawn' ? t('publication.manage.withdrawn') : null;
  return renderManage(c, c.req.param('id'), { flash });
});

publicationRoutes.post('/rounds/:id/publish', organizer, async (c) => {
  const id = c.req.param('id');
  const form = await parseForm(c);
  const revisedDraft = one(form.revisedDraft);
  const input = validate(publishSchema, { revisedDraft }, c.get('locale'));
  if (!input.ok) return renderManage(c, id, { revisedDraft, errors: input.fields, status: 422 });
  if (!isConfirmed(form)) return renderPublishConfirm(c, id, revisedDraft);
  const published = await publishRound(c.get('deps'), c.get('staff'), id, { revisedDraft: input.value.revisedDraft });
  if (!published.ok) {
    if (published.error === 'not_found') return c.notFound();
    return renderManage(c, id, { revisedDraft, errors: { revisedDraft: c.get('t')('publication.error.notClosed') }, status: 409 });
  }
  return c.redirect(`/rounds/${id}/publish?done=published&mailed=${published.value.mailed}`, 303);
});

publicationRoutes.post('/rounds/:id/unpublish', organizer, async (c) => {
  const withdrawn = await unpublishRound(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!withdrawn.ok) return c.notFound();
  return c.redirect(`/rounds/${c.req.param('id')}/publish?done=withdrawn`, 303);
});

publicationRoutes.get('/p/:roundId', async (c) => {
  const results = await loadPublicResults(c.get('deps'), c.req.param('roundId'));
  if (!results) return c.html(<PublicNotFoundPage page={pageContext(c)} />, 404);
  return c.html(<PublicPage page={pageContext(c)} results={results} />);
});
