/** The open link (`/o/:token`): anyone may comment, counted per link, submitted in one go, never twice. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { clientIp } from '../../lib/http';
import { hitRateLimits } from '../../lib/rate-limit';
import { formatDateTime } from '../../lib/time';
import { randomToken } from '../../lib/tokens';
import { validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { readFeedbackForm } from './form';
import { confirmationRoutes } from './open-confirmation-routes';
import {
  findOpenLinkRound,
  findOpenReceipt,
  idempotencyKeyOf,
  OPEN_LINK_ADDRESS_LIMIT,
  openLinkRules,
  openReceiptById,
  submitOpenFeedback,
  type OpenLinkRound,
  type OpenReceipt,
} from './open-link';
import { closedAtOf, HONEYPOT_FIELD, IDEMPOTENCY_FIELD, OpenClosedPage, OpenFeedbackPage, OpenThanksPage, type OpenFormValues } from './open-views';
import { formFields, unknownSectionErrors } from './request';
import { openRespondentSchema, WHOLE_SLOT } from './schemas';
import { roundPhase } from './service';
import { draftDownload } from './draft-download';
import type { PageTop } from './page-top';
import { loadOffice } from '../settings/office';
import { LinkNotFoundPage, NotOpenPage } from './views';

export const openLinkRoutes = new Hono<AppEnv>();
openLinkRoutes.route('/', confirmationRoutes);

/** A fresh key per rendered form: what makes a second press of submit recognisable. */
const newIdempotencyKey = () => randomToken(16);
const responseIdRe = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const emptyValues = (): OpenFormValues => ({
  name: '',
  organization: '',
  category: '',
  email: '',
  stance: '',
  publication: '',
  texts: {},
  bases: {},
  idempotencyKey: newIdempotencyKey(),
});

function receiptPath(token: string, receipt: OpenReceipt): string {
  return `/o/${token}?done=1&receipt=${receipt.responseId}${receipt.replayed ? '&again=1' : ''}`;
}

openLinkRoutes.get('/o/:token', async (c) => {
  const deps = c.get('deps');
  const page = pageContext(c);
  const target = await findOpenLinkRound(deps, c.req.param('token'));
  if (!target) return c.html(<LinkNotFoundPage page={page} />, 404);
  if (c.req.query('done') === '1') {
    const id = c.req.query('receipt') ?? '';
    const receipt = responseIdRe.test(id) ? await openReceiptById(deps, target.round.id, id) : null;
    return c.html(<OpenThanksPage page={page} target={target} receipt={receipt && { ...receipt, replayed: c.req.query('again') === '1' }} />);
  }
  const phase = roundPhase(target.round, deps.clock());
  if (phase === 'not_open') return c.html(<NotOpenPage page={page} round={target.round} />);
  if (phase === 'closed') return c.html(<OpenClosedPage page={page} target={target} />);
  const top = await pageTop(c);
  return c.html(<OpenFeedbackPage page={page} token={c.req.param('token')} target={target} values={emptyValues()} top={top} expandAll={c.req.query('expand') === 'all'} />);
});

/** The draft in Word, as behind a personal link; not before the round opens. */
openLinkRoutes.get('/o/:token/draft.docx', async (c) => {
  const deps = c.get('deps');
  const target = await findOpenLinkRound(deps, c.req.param('token'));
  if (!target || roundPhase(target.round, deps.clock()) === 'not_open') return c.html(<LinkNotFoundPage page={pageContext(c)} />, 404);
  return draftDownload(c, target.round, target.sections);
});

/** What the top of the page needs: the office (from /settings/office) and the time now, for the days left. */
async function pageTop(c: Context<AppEnv>): Promise<PageTop> {
  const deps = c.get('deps');
  return { office: await loadOffice(deps), now: deps.clock() };
}

/** Why the round refuses comments now, or null while it is open. */
function phaseRefusal(c: Context<AppEnv>, target: OpenLinkRound): string | null {
  const { t, locale } = pageContext(c);
  const phase = roundPhase(target.round, c.get('deps').clock());
  if (phase === 'closed') return t('openLink.refused.closed', { date: formatDateTime(closedAtOf(target.round), locale) });
  if (phase === 'not_open') return t('openLink.refused.notOpen', { date: formatDateTime(target.round.opensAt, locale) });
  return null;
}

/** Counts the submission against the platform limiter (a flood guard) and the exact per-link counters in D1. */
async function withinLimits(c: Context<AppEnv>, token: string): Promise<boolean> {
  const address = clientIp(c);
  const platform = await c.env.PUBLIC_FORM_LIMITER.limit({ key: `open_link:${address}` });
  if (!platform.success) return false;
  const deps = c.get('deps');
  return hitRateLimits(deps.d1, deps.clock, await openLinkRules(token, address));
}

openLinkRoutes.post('/o/:token', async (c) => {
  const deps = c.get('deps');
  const page = pageContext(c);
  const { t } = page;
  const token = c.req.param('token');
  const target = await findOpenLinkRound(deps, token);
  if (!target) return c.html(<LinkNotFoundPage page={page} />, 404);

  const fields = await formFields(c);
  // A filled trap is a bot: thank it and keep nothing.
  if (fields[HONEYPOT_FIELD]) return c.redirect(`/o/${token}?done=1`, 303);
  const idempotencyKey = idempotencyKeyOf(fields[IDEMPOTENCY_FIELD]);
  const earlier = await findOpenReceipt(deps, target.round.id, idempotencyKey);
  if (earlier) return c.redirect(receiptPath(token, earlier), 303);

  const comments = readFeedbackForm(fields, c.get('locale'));
  const values: OpenFormValues = {
    ...comments.values,
    name: fields.name ?? '',
    organization: fields.organization ?? '',
    category: fields.category ?? '',
    email: fields.email ?? '',
    idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
  };
  // Every refusal re-renders the form with everything typed: nothing is lost to a limit or a closed round.
  const top = await pageTop(c);
  const rerender = (status: 400 | 409 | 429, options: { errors?: Record<string, string>; refusal?: string; canSubmit?: boolean }) =>
    c.html(<OpenFeedbackPage page={page} token={token} target={target} values={values} top={top} {...options} />, status);

  const closed = phaseRefusal(c, target);
  if (closed) return rerender(409, { refusal: closed, canSubmit: false });
  if (!(await withinLimits(c, token))) {
    c.header('Retry-After', String(OPEN_LINK_ADDRESS_LIMIT.windowMinutes * 60));
    return rerender(429, { refusal: t('openLink.refused.rateLimited', { limit: OPEN_LINK_ADDRESS_LIMIT.limit, minutes: OPEN_LINK_ADDRESS_LIMIT.windowMinutes }) });
  }

  const respondent = validate(openRespondentSchema, fields, c.get('locale'));
  if (!respondent.ok || comments.errors) return rerender(400, { errors: { ...(respondent.ok ? {} : respondent.fields), ...comments.errors } });

  const result = await submitOpenFeedback(deps, target, { respondent: respondent.value, texts: comments.changes.texts, idempotencyKey });
  if (result.ok) return c.redirect(receiptPath(token, result.value), 303);
  switch (result.error) {
    case 'empty':
      return rerender(400, { errors: { [WHOLE_SLOT]: t('feedback.error.empty') } });
    case 'unknown_section':
      return rerender(400, {
        errors: unknownSectionErrors(c, Object.keys(comments.changes.texts).filter((slot) => !target.sections.some((s) => s.id === slot) && slot !== WHOLE_SLOT)),
      });
    case 'round_not_open':
    case 'round_closed':
      // The round changed phase between the check above and the batch.
      return rerender(409, { refusal: phaseRefusal(c, target) ?? '', canSubmit: false });
  }
});
