/** HTTP routes of consultation rounds (staff side): the pages, and the JSON API mounted from api.ts. */
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { stakeholders as stakeholdersTable } from '../../db/schema';
import type { AppEnv } from '../../env';
import { DAY_MS } from '../../lib/clock';
import { validate } from '../../lib/validation';
import { parseShanghaiLocal, toShanghaiLocalInput } from '../../lib/time';
import { hasRole, requireRole } from '../auth/guard';
import { attachmentResponse, findAttachment, listAttachments } from '../feedback/attachments';
import { pageContext } from '../../ui/page';
import { keptRoundPage } from '../../ui/page-cache';
import { roundApiRoutes } from './api';
import { audienceMembers, audienceTotals, countAudience, pickableStakeholders } from './audience';
import { loadPicker, pickerStateOf, pickFromForm } from './audience-picker';
import { isConfirmed } from '../../ui/confirm-page';
import type { FieldErrors } from '../../lib/result';
import { contactLog, loadResponse } from './board';
import { loadRoundBoard } from './round-board';
import { describeError } from './errors';
import { flashFrom, intentOf, many, one, opinionValues, parseForm, roundFormInput, roundFormValues } from './form-data';
import { decodeFixes, encodeFix } from './split-fixes';
import { openRoundAndInvite, reissueInvitation, revokeInvitation, sendInvitations } from './invitations';
import { logOfflineOpinion } from './offline';
import { ContactLogPage, OfflineOpinionPage, ResponsePage } from './opinion-views';
import { disableOpenLink, rotateOpenLink } from './open-link';
import { readDraftFile } from './draft-upload';
import { earlierOpinions } from './earlier-opinions';
import { versionRoutes } from './version-routes';
import { addCloseRoutes } from './close-routes';
import { scheduleRound, unscheduleRound } from './schedule';
import { sendManualReminders } from './reminders';
import { AudiencePage, RoundPage, type CreatedOpenLink, type Flash } from './round-page';
import { AUDIENCE_IDS_MAX, formOpenRoundSchema, formRoundSchema, offlineOpinionSchema, openRoundSchema } from './schemas';
import {
  copyRound,
  createRound,
  listRounds,
  loadRound,
  needsShortPeriodReason,
  shortPlannedDays,
  previewSections,
  updateDraftRound,
  updateOpenRound,
  type RoundRow,
  type RoundWithSections,
} from './service';
import { OpenRoundEditPage, OpenRoundPage, RoundFormPage, RoundListPage, type RoundFormValues } from './views';

export const roundRoutes = new Hono<AppEnv>();
roundRoutes.route('/', roundApiRoutes);
roundRoutes.route('/', versionRoutes);

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');
type C = Context<AppEnv>;

const notFound = (c: C) => c.notFound();
const back = (c: C, id: string, done: string, params: Record<string, string | number> = {}) =>
  c.redirect(`/rounds/${id}?${new URLSearchParams({ done, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`, 303);

/** After a save: a planned period under the usual minimum is said at once, not only when opening. */
const savedBack = (c: C, id: string, done: 'created' | 'saved', shortDays: number | null) => (shortDays === null ? back(c, id, done) : back(c, id, `${done}Short`, { days: shortDays }));

async function showRound(c: C, round: RoundWithSections, flash: Flash | null, openLink: CreatedOpenLink | null = null, status: 200 | 400 | 409 | 422 = 200) {
  const deps = c.get('deps');
  const inviteePage = Number.parseInt(c.req.query('invitees') ?? '1', 10) || 1;
  const [{ extras, ...board }, earlier] = await Promise.all([loadRoundBoard(deps, round, inviteePage), earlierOpinions(deps, round)]);
  const page = pageContext(c);
  return c.html(
    <RoundPage page={page} round={round} board={board} canChange={hasRole(c.get('staff'), 'organizer')} flash={flash} openLink={openLink} earlier={earlier} extras={extras} now={deps.clock()} />,
    status,
  );
}

/** A failed action on the round page: the page again with the reason on top. */
async function refuse(c: C, id: string, code: string) {
  const round = await loadRound(c.get('deps'), id);
  if (!round) return notFound(c);
  return showRound(c, round, { text: describeError(c.get('t'), code).message, kind: 'warning' }, null, 409);
}

async function renderRoundForm(c: C, action: string, heading: string, values: RoundFormValues, errors?: Record<string, string>, withPreview = false, status: 200 | 400 | 422 = 200, picker = pickerStateOf(values.stakeholderIds)) {
  const split = withPreview && values.draft.trim() ? previewSections(values.draft, decodeFixes(values.fixes)) : null;
  const stakeholders = await loadPicker(c.get('deps'), picker);
  const preview = split?.ok ? split.value : null;
  const allErrors = split && !split.ok ? { ...errors, draft: describeError(c.get('t'), split.error).message } : errors;
  const opensAt = parseShanghaiLocal(values.opensAt);
  const closesAt = parseShanghaiLocal(values.closesAt);
  const shortDays = opensAt && closesAt && closesAt > opensAt ? shortPlannedDays({ opensAt, closesAt }) : null;
  return c.html(<RoundFormPage page={pageContext(c)} action={action} heading={heading} values={values} errors={allErrors} preview={preview} stakeholders={stakeholders} shortDays={shortDays} />, status);
}

/** Reads the round form; an uploaded .md/.txt (GBK from Chinese Windows included) or .docx replaces the pasted text. */
async function readRoundForm(c: C) {
  const form = await parseForm(c);
  const values = roundFormValues(form);
  const file = await readDraftFile(c, form.draftFile);
  const fileError = file && 'error' in file ? file.error : null;
  if (file && 'text' in file) values.draft = file.text;
  // The audience picker's buttons (search, add, remove, pages) only show the form again, with the picked list changed.
  const picker = await pickFromForm(c.get('deps'), form, values.stakeholderIds, c.get('locale'), c.get('t')('rounds.picker.tooMany', { max: AUDIENCE_IDS_MAX }));
  values.stakeholderIds = picker.state.picked;
  const pickerErrors = picker.error ? { pickQuery: picker.error.message } : undefined;
  return { values, intent: intentOf(form), fileError, picker, pickerErrors };
}

roundRoutes.get('/rounds', viewer, async (c) => {
  const rows = await listRounds(c.get('deps'));
  return c.html(<RoundListPage page={pageContext(c)} rows={rows} canChange={hasRole(c.get('staff'), 'organizer')} />);
});

roundRoutes.get('/rounds/new', organizer, (c) => {
  const now = c.get('deps').clock();
  const values: RoundFormValues = {
    ...roundFormValues({}),
    opensAt: toShanghaiLocalInput(now),
    closesAt: toShanghaiLocalInput(new Date(now.getTime() + 30 * DAY_MS)),
  };
  return renderRoundForm(c, '/rounds', c.get('t')('rounds.new'), values);
});

roundRoutes.post('/rounds', organizer, async (c) => {
  const { values, intent, fileError, picker, pickerErrors } = await readRoundForm(c);
  const heading = c.get('t')('rounds.new');
  if (picker.acted) return renderRoundForm(c, '/rounds', heading, values, pickerErrors, false, pickerErrors ? 422 : 200, picker.state);
  const input = validate(formRoundSchema, roundFormInput(values), c.get('locale'));
  const errors = { ...(input.ok ? {} : input.fields), ...(fileError ? { draftFile: fileError } : {}) };
  if (intent === 'preview' || !input.ok || fileError) return renderRoundForm(c, '/rounds', heading, values, errors, true, intent === 'preview' ? 200 : 422, picker.state);
  const created = await createRound(c.get('deps'), c.get('staff'), { ...input.value, splitFixes: decodeFixes(values.fixes) });
  if (!created.ok) return renderRoundForm(c, '/rounds', heading, values, describeError(c.get('t'), created.error).fields, true, 422);
  return savedBack(c, created.value.id, 'created', shortPlannedDays(input.value));
});

// Declared before /rounds/:id so that "contacts" is never taken for a round id.
roundRoutes.get('/rounds/contacts/:stakeholderId', viewer, async (c) => {
  const deps = c.get('deps');
  const stakeholder = await deps.db.select().from(stakeholdersTable).where(eq(stakeholdersTable.id, c.req.param('stakeholderId'))).get();
  if (!stakeholder) return notFound(c);
  const name = stakeholder.erasedAt ? c.get('t')('rounds.board.erased') : stakeholder.name;
  return c.html(<ContactLogPage page={pageContext(c)} name={name} entries={await contactLog(deps, stakeholder.id)} />);
});

roundRoutes.get('/rounds/:id', viewer, (c) =>
  keptRoundPage(
    c,
    c.req.param('id'),
    async () => {
      const round = await loadRound(c.get('deps'), c.req.param('id'));
      if (!round) return notFound(c);
      return showRound(c, round, flashFrom(c.get('t'), new URL(c.req.url).searchParams));
    },
    // Its board lists the invitees' last activity.
    { showsActivity: true },
  ),
);

roundRoutes.get('/rounds/:id/edit', organizer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round || round.status === 'closed') return notFound(c);
  const heading = c.get('t')('rounds.edit.title', { title: round.title });
  if (round.status === 'open') {
    const values = { closesAt: toShanghaiLocalInput(round.closesAt), contactName: round.contactName, contactPhone: round.contactPhone, contactAddress: round.contactAddress };
    return c.html(<OpenRoundEditPage page={pageContext(c)} round={round} values={values} />);
  }
  const values: RoundFormValues = {
    title: round.title,
    purpose: round.purpose,
    draft: round.draftSource,
    opensAt: toShanghaiLocalInput(round.opensAt),
    closesAt: toShanghaiLocalInput(round.closesAt),
    contactName: round.contactName,
    contactPhone: round.contactPhone,
    contactAddress: round.contactAddress,
    categories: round.audience.categories ?? [],
    tags: (round.audience.tags ?? []).join(', '),
    stakeholderIds: round.audience.stakeholderIds ?? [],
    fixes: (round.splitFixes ?? []).map(encodeFix),
  };
  return renderRoundForm(c, `/rounds/${round.id}`, heading, values, undefined, true);
});

roundRoutes.post('/rounds/:id', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return notFound(c);
  if (round.status === 'closed') return refuse(c, round.id, 'round_closed');
  const heading = c.get('t')('rounds.edit.title', { title: round.title });
  if (round.status === 'open') {
    const form = await parseForm(c);
    const values = { closesAt: one(form.closesAt), contactName: one(form.contactName), contactPhone: one(form.contactPhone), contactAddress: one(form.contactAddress) };
    const input = validate(formOpenRoundSchema, values, c.get('locale'));
    const result = input.ok ? await updateOpenRound(deps, c.get('staff'), round.id, input.value) : input;
    if (!result.ok) {
      const errors = result.error === 'invalid_input' ? result.fields : describeError(c.get('t'), result.error).fields;
      return c.html(<OpenRoundEditPage page={pageContext(c)} round={round} values={values} errors={errors} />, 422);
    }
    const days = input.ok ? shortPlannedDays({ opensAt: round.opensAt, closesAt: input.value.closesAt }) : null;
    return days === null ? back(c, round.id, 'saved') : back(c, round.id, 'savedShortOpen', { days });
  }
  const { values, intent, fileError, picker, pickerErrors } = await readRoundForm(c);
  const action = `/rounds/${round.id}`;
  if (picker.acted) return renderRoundForm(c, action, heading, values, pickerErrors, false, pickerErrors ? 422 : 200, picker.state);
  const input = validate(formRoundSchema, roundFormInput(values), c.get('locale'));
  const errors = { ...(input.ok ? {} : input.fields), ...(fileError ? { draftFile: fileError } : {}) };
  if (intent === 'preview' || !input.ok || fileError) return renderRoundForm(c, action, heading, values, errors, true, intent === 'preview' ? 200 : 422, picker.state);
  const updated = await updateDraftRound(deps, c.get('staff'), round.id, { ...input.value, splitFixes: decodeFixes(values.fixes) });
  if (!updated.ok) return renderRoundForm(c, action, heading, values, describeError(c.get('t'), updated.error).fields ?? { _: describeError(c.get('t'), updated.error).message }, true, 422);
  return savedBack(c, round.id, 'saved', shortPlannedDays(input.value));
});

/** The confirmation before opening: the period, the reason a short one needs, and how many people will be emailed. */
async function renderOpenPage(c: C, round: RoundRow, reason: string, errors?: FieldErrors, status: 200 | 422 = 200) {
  const deps = c.get('deps');
  const now = deps.clock();
  const audience = await audienceTotals(deps, round.id, round.audience);
  return c.html(
    <OpenRoundPage page={pageContext(c)} round={round} needsReason={needsShortPeriodReason(round, now)} reason={reason} errors={errors} canSchedule={round.opensAt > now} audience={audience} />,
    status,
  );
}

roundRoutes.get('/rounds/:id/open', organizer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return notFound(c);
  if (round.status !== 'draft') return refuse(c, round.id, 'not_draft');
  return renderOpenPage(c, round, '');
});

/** Refusals the open form shows beside its fields; the others go back to the round page. */
const FORM_ERRORS = new Set(['reason_required', 'closes_in_past', 'opens_in_past']);

/**
 * Opening now (which invites the audience in the same step) and scheduling share the form: both ask for the reason a
 * short comment period needs. A post without the page's confirmation shows the page first.
 */
for (const [path, done] of [
  ['/rounds/:id/open', 'opened'],
  ['/rounds/:id/schedule', 'scheduled'],
] as const) {
  roundRoutes.post(path, organizer, async (c) => {
    const deps = c.get('deps');
    const round = await loadRound(deps, c.req.param('id'));
    if (!round) return notFound(c);
    const form = await parseForm(c);
    const reason = one(form.shortPeriodReason);
    if (round.status !== 'draft') return refuse(c, round.id, round.status === 'closed' ? 'round_closed' : 'not_draft');
    if (!isConfirmed(form)) return renderOpenPage(c, round, reason);
    const input = validate(openRoundSchema, { shortPeriodReason: reason }, c.get('locale'));
    if (!input.ok) return renderOpenPage(c, round, reason, input.fields, 422);
    const refused = (code: string) =>
      FORM_ERRORS.has(code) ? renderOpenPage(c, round, reason, describeError(c.get('t'), code).fields, 422) : refuse(c, round.id, code);
    if (done === 'scheduled') {
      const scheduled = await scheduleRound(deps, c.get('staff'), round.id, input.value.shortPeriodReason);
      return scheduled.ok ? back(c, round.id, 'scheduled') : refused(scheduled.error);
    }
    const opened = await openRoundAndInvite(deps, c.get('staff'), round.id, input.value.shortPeriodReason);
    return opened.ok ? back(c, round.id, 'openedInvited', opened.value) : refused(opened.error);
  });
}

roundRoutes.post('/rounds/:id/unschedule', organizer, async (c) => {
  const result = await unscheduleRound(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!result.ok) return result.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), result.error);
  return back(c, c.req.param('id'), 'unscheduled');
});

addCloseRoutes(roundRoutes, { back, refuse });

roundRoutes.post('/rounds/:id/copy', organizer, async (c) => {
  const copied = await copyRound(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!copied.ok) return notFound(c);
  return c.redirect(`/rounds/${copied.value.id}/edit`, 303);
});

roundRoutes.get('/rounds/:id/audience', viewer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return notFound(c);
  const { rows, total } = countAudience(await audienceMembers(deps, round.id, round.audience));
  return c.html(<AudiencePage page={pageContext(c)} round={round} rows={rows} total={total} canInvite={hasRole(c.get('staff'), 'organizer')} />);
});

roundRoutes.post('/rounds/:id/invitations', organizer, async (c) => {
  const sent = await sendInvitations(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!sent.ok) return sent.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), sent.error);
  return back(c, c.req.param('id'), 'invited', sent.value);
});

roundRoutes.post('/rounds/:id/invitations/:invitationId/revoke', organizer, async (c) => {
  const revoked = await revokeInvitation(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('invitationId'));
  if (!revoked.ok) return revoked.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), revoked.error);
  return back(c, c.req.param('id'), 'revoked');
});

roundRoutes.post('/rounds/:id/invitations/:invitationId/reissue', organizer, async (c) => {
  const reissued = await reissueInvitation(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('invitationId'));
  if (!reissued.ok) return reissued.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), reissued.error);
  return back(c, c.req.param('id'), 'reissued');
});

roundRoutes.post('/rounds/:id/reminders', organizer, async (c) => {
  const form = await parseForm(c);
  const selected = one(form.scope) === 'selected' ? many(form.invitationIds) : null;
  if (selected && selected.length === 0) return back(c, c.req.param('id'), 'reminded', { sent: 0 });
  const sent = await sendManualReminders(c.get('deps'), c.get('staff'), c.req.param('id'), selected);
  if (!sent.ok) return sent.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), sent.error);
  return back(c, c.req.param('id'), 'reminded', sent.value);
});

roundRoutes.get('/rounds/:id/responses/:responseId', viewer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  const detail = round ? await loadResponse(deps, round.id, c.req.param('responseId')) : null;
  if (!round || !detail) return notFound(c);
  const attachments = await listAttachments(deps, detail.response.id);
  return c.html(<ResponsePage page={pageContext(c)} round={round} detail={detail} attachments={attachments} />);
});

/** A file a stakeholder attached, as a download (never shown inline). */
roundRoutes.get('/rounds/:id/attachments/:attachmentId', viewer, async (c) => {
  const row = await findAttachment(c.get('deps'), c.req.param('attachmentId'), { roundId: c.req.param('id') });
  const download = row ? await attachmentResponse(c.env.ATTACHMENTS, row) : null;
  return download ?? notFound(c);
});

async function renderOpinionForm(c: C, round: RoundWithSections, values: ReturnType<typeof opinionValues>, errors?: Record<string, string>, status: 200 | 409 | 422 = 200) {
  const stakeholders = await pickableStakeholders(c.get('deps'));
  return c.html(<OfflineOpinionPage page={pageContext(c)} round={round} sections={round.sections} stakeholders={stakeholders} values={values} errors={errors} />, status);
}

roundRoutes.get('/rounds/:id/opinions/new', organizer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return notFound(c);
  if (round.status === 'draft') return refuse(c, round.id, 'round_not_open');
  const values = { ...opinionValues({}), stakeholderId: c.req.query('stakeholderId') ?? '', heardAt: toShanghaiLocalInput(c.get('deps').clock()) };
  return renderOpinionForm(c, round, values);
});

roundRoutes.post('/rounds/:id/opinions', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return notFound(c);
  const values = opinionValues(await parseForm(c));
  const input = validate(offlineOpinionSchema, values, c.get('locale'));
  const result = input.ok ? await logOfflineOpinion(deps, c.get('staff'), round.id, input.value) : input;
  if (result.ok) return back(c, round.id, 'opinionLogged');
  if (result.error === 'round_not_open' || result.error === 'not_found') return refuse(c, round.id, result.error);
  const errors = result.error === 'invalid_input' ? result.fields : describeError(c.get('t'), result.error).fields;
  return renderOpinionForm(c, round, values, errors, 422);
});

roundRoutes.post('/rounds/:id/open-link', organizer, async (c) => {
  const created = await rotateOpenLink(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!created.ok) return created.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), created.error);
  const round = (await loadRound(c.get('deps'), c.req.param('id')))!;
  // Shown in this answer only: the token is not kept, so the page must not be cached.
  c.header('cache-control', 'no-store');
  return showRound(c, round, null, created.value);
});

roundRoutes.post('/rounds/:id/open-link/disable', organizer, async (c) => {
  const disabled = await disableOpenLink(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!disabled.ok) return notFound(c);
  return back(c, c.req.param('id'), 'openLinkDisabled');
});
