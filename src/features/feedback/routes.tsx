/** HTTP routes behind a stakeholder's personal link (`/f/:token`); the open link, the API and the erasure request are mounted from here. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { FEEDBACK_LINK_LIMIT, limitPerLink } from '../../lib/public-form-limit';
import { formatTime } from '../../lib/time';
import { pageContext } from '../../ui/page';
import { outcomeQueries, outcomesFrom } from '../publication/results';
import { feedbackApiRoutes } from './api-routes';
import { fieldName, readFeedbackForm, savedFormValues, type FeedbackFormValues } from './form';
import { attachmentErrorText } from './attachment-views';
import { attachmentResponse, checkFiles, chosenFiles, findAttachment, removeAttachment, storeAttachments } from './attachments';
import { capabilityHeaders, conflictErrors, formBody, formFields, linkUrl, unknownSectionErrors } from './request';
import { openLinkRoutes } from './open-routes';
import { erasureRequestRoutes } from './erasure-routes';
import { feedbackFormRoutes } from '../inbound/form-routes';
import { WHOLE_SLOT } from './schemas';
import {
  channelsFrom,
  channelsHeardOfflineQuery,
  findLink,
  findLinkWithSaved,
  loadSavedFeedback,
  markOpened,
  roundPhase,
  workingValues,
  type FeedbackLink,
  type SavedFeedback,
} from './service';
import { saveFeedback, type SaveFailure, type SlotConflict } from './save';
import { declineRound } from './decline';
import { ClosedPage, FeedbackPage, LinkNotFoundPage, NotOpenPage, type FeedbackPageProps, type PageNotice } from './views';
import { loadOffice, type Office } from '../settings/office';
import { draftDownload } from './draft-download';

export const feedbackRoutes = new Hono<AppEnv>();

/** Over the limit, the form comes back with what was typed (autosave gets JSON; the text stays in the page). */
const feedbackLimit = limitPerLink('feedback', FEEDBACK_LINK_LIMIT, async (c, message) => {
  if (c.req.path.endsWith('/autosave')) return c.json({ ok: false, error: { code: 'rate_limited', message } }, 429);
  const deps = c.get('deps');
  const token = c.req.param('token') ?? '';
  const link = await findLink(deps, token);
  if (!link) return notFound(c);
  const saved = await loadSavedFeedback(deps, link.invitation.id);
  const posted = c.req.path === `/f/${token}` ? readFeedbackForm(await formFields(c), c.get('locale')).values : null;
  const values = posted ? { ...posted, revisions: { ...formValuesOf(link, saved).revisions, ...posted.revisions } } : formValuesOf(link, saved);
  return renderForm(c, { token, link, saved, values, formError: message }, 429);
});
feedbackRoutes.use('/f/:token', feedbackLimit);
feedbackRoutes.use('/f/:token/*', feedbackLimit);

feedbackRoutes.use('/f/*', capabilityHeaders);
feedbackRoutes.use('/o/*', capabilityHeaders);
feedbackRoutes.use('/api/v1/feedback/*', capabilityHeaders);
feedbackRoutes.route('/', openLinkRoutes);
feedbackRoutes.route('/', feedbackApiRoutes);
feedbackRoutes.route('/', erasureRequestRoutes);
feedbackRoutes.route('/', feedbackFormRoutes);

type Ctx = Context<AppEnv>;

function notFound(c: Ctx) {
  return c.html(<LinkNotFoundPage page={pageContext(c)} />, 404);
}

/** The form page with its top (the office from /settings/office, the time now for the days left). */
/** `office`: when the caller has it already (findLinkWithSaved read it in the same batch). */
async function renderForm(c: Ctx, props: Omit<FeedbackPageProps, 'page' | 'top'>, status: 200 | 400 | 409 | 429 = 200, office?: Office) {
  const deps = c.get('deps');
  const top = { office: office ?? (await loadOffice(deps)), now: deps.clock() };
  return c.html(<FeedbackPage page={pageContext(c)} top={top} {...props} />, status);
}

function formValuesOf(link: FeedbackLink, saved: SavedFeedback): FeedbackFormValues {
  const slots = [...link.sections.map((s) => s.id), WHOLE_SLOT];
  return savedFormValues(slots, { ...workingValues(link, saved), texts: saved.texts, revisions: saved.revisions });
}

function doneNotice(c: Ctx, link: FeedbackLink, saved: SavedFeedback): PageNotice | undefined {
  const t = c.get('t');
  const done = c.req.query('done');
  if (done === 'saved' && saved.response) {
    return { kind: 'success', text: t('feedback.notice.saved', { time: formatTime(saved.response.updatedAt, c.get('locale')) }) };
  }
  if (done === 'removed') return { kind: 'success', text: t('feedback.attachments.removed') };
  if (done === 'submitted') return { kind: 'success', text: t(link.stakeholder.email ? 'feedback.notice.submitted' : 'feedback.notice.submittedNoEmail') };
  if (done === 'declined' && link.invitation.status === 'declined') {
    return { kind: 'success', text: t(link.stakeholder.email && !link.stakeholder.erasedAt ? 'feedback.decline.doneMailed' : 'feedback.decline.done') };
  }
  return undefined;
}

feedbackRoutes.get('/f/:token', async (c) => {
  const deps = c.get('deps');
  const token = c.req.param('token');
  const found = await findLinkWithSaved(deps, token);
  if (!found) return notFound(c);
  const { link, saved, office } = found;
  await markOpened(deps, link);
  const page = pageContext(c);
  const phase = roundPhase(link.round, deps.clock());
  if (phase === 'not_open') return c.html(<NotOpenPage page={page} round={link.round} />);
  if (phase === 'closed') {
    // One batch for what the closed page adds: the outcomes (read even when unpublished, to keep one shape) and the channels.
    const [rows, links, channels] = await deps.db.batch([...outcomeQueries(deps, link.round.id, link.stakeholder.id), channelsHeardOfflineQuery(deps, link, saved.response?.id ?? null)]);
    const outcomes = link.round.publishedAt ? await outcomesFrom(deps, link.round.id, rows, links) : undefined;
    const heardOffline = channelsFrom(channels);
    return c.html(<ClosedPage page={page} token={token} link={link} saved={saved} outcomes={outcomes} heardOffline={heardOffline} office={office} />);
  }
  const values = formValuesOf(link, saved);
  return renderForm(c, { token, link, saved, values, notice: doneNotice(c, link, saved), expandAll: c.req.query('expand') === 'all' }, 200, office);
});

/**
 * Save or submit without JavaScript; errors re-render everything that was posted. Attached files are checked
 * first (one bad file stores nothing), then the texts are saved, the files stored, and only then is the response
 * submitted, so the confirmation lists the files.
 */
feedbackRoutes.post('/f/:token', async (c) => {
  const deps = c.get('deps');
  const t = c.get('t');
  const token = c.req.param('token');
  const link = await findLink(deps, token);
  if (!link) return notFound(c);
  const fields = await formFields(c);
  const files = chosenFiles((await formBody(c)).attachments);
  const form = readFeedbackForm(fields, c.get('locale'));
  const rerender = async (errors: Record<string, string>, status: 400 | 409, conflicts?: SlotConflict[]) => {
    const saved = await loadSavedFeedback(deps, link.invitation.id);
    // Saving again keeps what was typed: it is now based on the revision just shown beside it.
    const revisions = { ...form.values.revisions, ...Object.fromEntries((conflicts ?? []).map((x) => [fieldName(x.slot), String(x.revision)])) };
    const conflictTexts = conflicts ? Object.fromEntries(conflicts.map((x) => [x.slot, x.text])) : undefined;
    return renderForm(c, { token, link, saved, values: { ...form.values, revisions }, errors, conflicts: conflictTexts }, status);
  };
  const refusal = await refuseUnlessOpen(c, token, link, form.values.texts);
  if (refusal) return refusal;
  if (form.errors) return rerender(form.errors, 400);
  const submit = fields.action === 'submit';
  const refused = async (result: SaveFailure) => {
    if (result.error === 'conflict') return rerender(conflictErrors(c, result.conflicts ?? []), 409, result.conflicts);
    if (result.error === 'unknown_section') return rerender(unknownSectionErrors(c, Object.keys(result.fields ?? {})), 400);
    if (result.error === 'empty') return rerender({ [WHOLE_SLOT]: t('feedback.error.empty') }, 400);
    return (await refuseUnlessOpen(c, token, link, form.values.texts))!;
  };
  let changes = form.changes;
  if (files.length) {
    const before = await loadSavedFeedback(deps, link.invitation.id);
    const checked = await checkFiles(files, before.attachments.length);
    if (!checked.ok) return rerender({ attachments: attachmentErrorText(t, checked.refusal) }, 400);
    const saved = await saveFeedback(deps, link, changes, { submit: false, linkUrl: linkUrl(c, token) });
    if (!saved.ok) return refused(saved);
    await storeAttachments(deps, c.env.ATTACHMENTS, { responseId: saved.value.responseId, roundId: link.round.id }, checked.value);
    if (!submit) return c.redirect(`/f/${token}?done=saved`, 303);
    changes = { texts: {} };
  }
  const result = await saveFeedback(deps, link, changes, { submit, linkUrl: linkUrl(c, token) });
  if (!result.ok) return refused(result);
  return c.redirect(`/f/${token}?done=${submit ? 'submitted' : 'saved'}`, 303);
});

/** The stakeholder's own file; another link's file is as unknown as a made-up id. */
feedbackRoutes.get('/f/:token/attachments/:id', async (c) => {
  const deps = c.get('deps');
  const link = await findLink(deps, c.req.param('token'));
  const responseId = link ? (await loadSavedFeedback(deps, link.invitation.id)).response?.id : undefined;
  const row = responseId ? await findAttachment(deps, c.req.param('id'), { responseId }) : null;
  const download = row ? await attachmentResponse(c.env.ATTACHMENTS, row) : null;
  return download ?? notFound(c);
});

feedbackRoutes.post('/f/:token/attachments/:id/remove', async (c) => {
  const deps = c.get('deps');
  const token = c.req.param('token');
  const link = await findLink(deps, token);
  if (!link) return notFound(c);
  const refusal = await refuseUnlessOpen(c, token, link);
  if (refusal) return refusal;
  const responseId = (await loadSavedFeedback(deps, link.invitation.id)).response?.id;
  const removed = responseId ? await removeAttachment(deps, c.env.ATTACHMENTS, responseId, c.req.param('id')) : null;
  if (!removed?.ok) return notFound(c);
  return c.redirect(`/f/${token}?done=removed`, 303);
});

/** The autosave script's endpoint: same fields as the form, a JSON answer. */
feedbackRoutes.post('/f/:token/autosave', async (c) => {
  const deps = c.get('deps');
  const t = c.get('t');
  const found = await findLinkWithSaved(deps, c.req.param('token'));
  if (!found) return c.json({ ok: false, error: { code: 'not_found', message: t('feedback.notFound.body') } }, 404);
  const form = readFeedbackForm(await formFields(c), c.get('locale'));
  if (form.errors) return c.json({ ok: false, error: { code: 'invalid_input', message: t('error.invalid_input'), fields: form.errors } }, 422);
  const result = await saveFeedback(deps, found.link, form.changes, { submit: false, linkUrl: linkUrl(c, c.req.param('token')), before: found.saved });
  if (!result.ok) {
    if (result.error === 'unknown_section') {
      const fields = unknownSectionErrors(c, Object.keys(result.fields ?? {}));
      return c.json({ ok: false, error: { code: 'unknown_section', message: Object.values(fields)[0], fields } }, 422);
    }
    if (result.error === 'conflict') {
      const conflicts = (result.conflicts ?? []).map((x) => ({ field: fieldName(x.slot), text: x.text, revision: x.revision }));
      return c.json({ ok: false, error: { code: 'conflict', message: t('feedback.conflict.autosave'), conflicts } }, 409);
    }
    return c.json({ ok: false, error: { code: result.error, message: t(`feedback.error.${result.error}`) } }, result.error === 'empty' ? 422 : 409);
  }
  const { savedAt, revision, pendingChanges } = result.value;
  const revisions = Object.fromEntries(Object.entries(result.value.revisions).map(([slot, n]) => [fieldName(slot), n]));
  return c.json({ ok: true, savedAt: savedAt.toISOString(), savedAtText: formatTime(savedAt, c.get('locale')), revision, revisions, pendingChanges });
});

/** Post/redirect/get: a reload of the page that says "noted" sends nothing again (and a second post changes nothing). */
feedbackRoutes.post('/f/:token/decline', async (c) => {
  const deps = c.get('deps');
  const t = c.get('t');
  const token = c.req.param('token');
  const link = await findLink(deps, token);
  if (!link) return notFound(c);
  const fields = await formFields(c);
  const refusal = await refuseUnlessOpen(c, token, link);
  if (refusal) return refusal;
  const saved = await loadSavedFeedback(deps, link.invitation.id);
  if (fields.confirm !== '1') {
    return renderForm(c, { token, link, saved, values: formValuesOf(link, saved), declineError: t('feedback.decline.confirmRequired') }, 400);
  }
  const result = await declineRound(deps, link, { linkUrl: linkUrl(c, token) });
  if (!result.ok) {
    if (result.error === 'already_responded') {
      const notice: PageNotice = { kind: 'warning', text: t('feedback.decline.alreadyResponded') };
      return renderForm(c, { token, link, saved, values: formValuesOf(link, saved), notice }, 409);
    }
    return (await refuseUnlessOpen(c, token, link))!;
  }
  return c.redirect(`/f/${token}?done=declined`, 303);
});

/** The draft as a Word document, to read offline or print (the page itself folds a long draft into its headings). */
feedbackRoutes.get('/f/:token/draft.docx', async (c) => {
  const deps = c.get('deps');
  const link = await findLink(deps, c.req.param('token'));
  if (!link || roundPhase(link.round, deps.clock()) === 'not_open') return notFound(c);
  return draftDownload(c, link.round, link.sections);
});

/** A closed round answers with its read-only page and the refusal (and shows what was just typed); 409. */
async function refuseUnlessOpen(c: Ctx, token: string, link: FeedbackLink, unsaved?: Record<string, string>) {
  const deps = c.get('deps');
  const phase = roundPhase(link.round, deps.clock());
  if (phase === 'open') return null;
  const page = pageContext(c);
  if (phase === 'not_open') return c.html(<NotOpenPage page={page} round={link.round} />, 409);
  const saved = await loadSavedFeedback(deps, link.invitation.id);
  const office = await loadOffice(deps);
  return c.html(<ClosedPage page={page} token={token} link={link} saved={saved} refused unsaved={unsaved} office={office} />, 409);
}
