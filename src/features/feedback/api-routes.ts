/** The feedback API for other clients (a WeChat mini-program): the token is the credential, no session needed. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { apiError, readJsonObject, type ApiErrorBody } from '../../lib/http';
import { FEEDBACK_LINK_LIMIT, limitPerLink } from '../../lib/public-form-limit';
import { validate } from '../../lib/validation';
import { changesFromApi, feedbackApiSchema, WHOLE_SLOT } from './schemas';
import { apiSections } from './sections';
import { saveFeedback, type SlotConflict } from './save';
import { findLinkWithSaved, markOpened, roundPhase, unknownSlots, workingValues, type FeedbackLink, type SavedFeedback } from './service';
import { linkUrl } from './request';

export const feedbackApiRoutes = new Hono<AppEnv>();

feedbackApiRoutes.use('/api/v1/feedback/:token', limitPerLink('feedback', FEEDBACK_LINK_LIMIT));

const PHASE_STATUS = { not_open: 'draft', open: 'open', closed: 'closed' } as const;

/** One comment as the API gives it: the text being edited, its revision, and what staff have beside it. */
function slotJson(saved: SavedFeedback, slot: string) {
  const text = saved.texts[slot] ?? '';
  const submitted = saved.submitted[slot] ?? '';
  return { text, revision: saved.revisions[slot] ?? 0, submitted, pending: text === submitted ? null : text };
}

/**
 * What GET and PUT answer: the round, its sections, and what this stakeholder has given so far. `stance`,
 * `publication`, `overall` and `opinions[].text` are the values being edited; `submitted*` and `opinions[].submitted`
 * are what staff have; `pendingChanges` says the two differ (saved here, not yet sent to staff).
 */
export function feedbackJson(link: FeedbackLink, saved: SavedFeedback, now: Date) {
  const { round } = link;
  const response = saved.response;
  const slots = link.sections.filter((s) => saved.texts[s.id] || saved.submitted[s.id]);
  return {
    round: {
      id: round.id,
      title: round.title,
      purpose: round.purpose,
      status: PHASE_STATUS[roundPhase(round, now)],
      opensAt: round.opensAt.toISOString(),
      closesAt: round.closesAt.toISOString(),
      contact: { name: round.contactName, phone: round.contactPhone, address: round.contactAddress },
    },
    sections: apiSections(link.sections),
    pendingChanges: saved.pendingChanges,
    response: response
      ? {
          status: response.status,
          ...workingValues(link, saved),
          overall: saved.texts[WHOLE_SLOT] ?? '',
          opinions: slots.map((s) => ({ sectionId: s.id, ...slotJson(saved, s.id) })),
          whole: slotJson(saved, WHOLE_SLOT),
          submittedAt: response.submittedAt?.toISOString() ?? null,
          submittedStance: response.status === 'submitted' ? response.stance : null,
          submittedPublication: response.status === 'submitted' ? response.publication : null,
          pendingChanges: saved.pendingChanges,
          revision: response.revision,
        }
      : null,
  };
}

/** 409 `conflict`: `current` is the first comment changed elsewhere, `conflicts` all of them, each with both texts. */
function conflictJson(c: Context<AppEnv>, conflicts: SlotConflict[]) {
  const items = conflicts.map((x) => ({ sectionId: x.slot === WHOLE_SLOT ? null : x.slot, text: x.text, revision: x.revision, yours: x.yours }));
  return c.json({ error: { code: 'conflict', message: c.get('t')('feedback.conflict.api'), current: items[0], conflicts: items } }, 409);
}

feedbackApiRoutes.get('/api/v1/feedback/:token', async (c) => {
  const deps = c.get('deps');
  const found = await findLinkWithSaved(deps, c.req.param('token'));
  if (!found) return apiError(c, 404, 'not_found', 'error.not_found');
  await markOpened(deps, found.link);
  return c.json(feedbackJson(found.link, found.saved, deps.clock()));
});

feedbackApiRoutes.put('/api/v1/feedback/:token', async (c) => {
  const deps = c.get('deps');
  const t = c.get('t');
  const found = await findLinkWithSaved(deps, c.req.param('token'));
  if (!found) return apiError(c, 404, 'not_found', 'error.not_found');
  const { link } = found;
  const body = await readJsonObject(c);
  if (!body) return apiError(c, 400, 'invalid_json', 'error.invalid_json');
  const input = validate(feedbackApiSchema, body, c.get('locale'));
  if (!input.ok) return apiError(c, 422, 'invalid_input', 'error.invalid_input', input.fields);
  const unknown = unknownSlots(link, input.value.opinions.map((o) => o.sectionId));
  if (unknown.length) {
    const fields: Record<string, string> = {};
    input.value.opinions.forEach((opinion, i) => {
      if (unknown.includes(opinion.sectionId)) fields[`opinions.${i}.sectionId`] = t('feedback.error.unknownSection', { id: opinion.sectionId });
    });
    const error: ApiErrorBody = { error: { code: 'unknown_section', message: t('feedback.error.unknownSection', { id: unknown[0]! }), fields } };
    return c.json(error, 422);
  }
  const result = await saveFeedback(deps, link, changesFromApi(input.value), { submit: input.value.submit, linkUrl: linkUrl(c, c.req.param('token')), before: found.saved });
  if (!result.ok) {
    if (result.error === 'conflict') return conflictJson(c, result.conflicts ?? []);
    if (result.error === 'empty') return apiError(c, 422, 'empty', 'feedback.error.empty');
    return apiError(c, 409, result.error, result.error === 'round_closed' ? 'feedback.error.round_closed' : 'feedback.error.round_not_open');
  }
  return c.json(feedbackJson(link, result.value.saved, deps.clock()));
});
