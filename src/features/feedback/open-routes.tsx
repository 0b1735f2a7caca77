/** The open link (`/o/:token`): anyone may comment, rate-limited per address, submitted in one go. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { MINUTE_MS } from '../../lib/clock';
import { clientIp } from '../../lib/http';
import { hitRateLimits } from '../../lib/rate-limit';
import { validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { readFeedbackForm } from './form';
import { findOpenLinkRound, OPEN_LINK_LIMIT, submitOpenFeedback } from './open-link';
import { HONEYPOT_FIELD, OpenClosedPage, OpenFeedbackPage, OpenThanksPage, RateLimitedPage, type OpenFormValues } from './open-views';
import { formFields, unknownSectionErrors } from './request';
import { openRespondentSchema, WHOLE_SLOT } from './schemas';
import { roundPhase } from './service';
import { LinkNotFoundPage, NotOpenPage } from './views';

export const openLinkRoutes = new Hono<AppEnv>();

const EMPTY_VALUES: OpenFormValues = { name: '', organization: '', category: '', email: '', stance: '', publication: '', texts: {}, bases: {} };

openLinkRoutes.get('/o/:token', async (c) => {
  const deps = c.get('deps');
  const page = pageContext(c);
  const target = await findOpenLinkRound(deps, c.req.param('token'));
  if (!target) return c.html(<LinkNotFoundPage page={page} />, 404);
  if (c.req.query('done') === '1') return c.html(<OpenThanksPage page={page} target={target} />);
  const phase = roundPhase(target.round, deps.clock());
  if (phase === 'not_open') return c.html(<NotOpenPage page={page} round={target.round} />);
  if (phase === 'closed') return c.html(<OpenClosedPage page={page} target={target} />);
  return c.html(<OpenFeedbackPage page={page} token={c.req.param('token')} target={target} values={EMPTY_VALUES} />);
});

openLinkRoutes.post('/o/:token', async (c) => {
  const deps = c.get('deps');
  const page = pageContext(c);
  const token = c.req.param('token');
  const target = await findOpenLinkRound(deps, token);
  if (!target) return c.html(<LinkNotFoundPage page={page} />, 404);

  // The platform limiter spreads across locations; the D1 rule is exact and testable.
  const key = `open_link:${clientIp(c)}`;
  const platform = await c.env.PUBLIC_FORM_LIMITER.limit({ key });
  const exact = await hitRateLimits(deps.d1, deps.clock, [{ key, limit: OPEN_LINK_LIMIT.limit, windowMs: OPEN_LINK_LIMIT.windowMinutes * MINUTE_MS }]);
  if (!platform.success || !exact) {
    return c.html(<RateLimitedPage page={page} limit={OPEN_LINK_LIMIT.limit} minutes={OPEN_LINK_LIMIT.windowMinutes} />, 429);
  }

  const fields = await formFields(c);
  // A filled trap is a bot: thank it and keep nothing.
  if (fields[HONEYPOT_FIELD]) return c.redirect(`/o/${token}?done=1`, 303);

  const comments = readFeedbackForm(fields, c.get('locale'));
  const respondent = validate(openRespondentSchema, fields, c.get('locale'));
  const values: OpenFormValues = {
    ...comments.values,
    name: fields.name ?? '',
    organization: fields.organization ?? '',
    category: fields.category ?? '',
    email: fields.email ?? '',
  };
  const rerender = (errors: Record<string, string>) =>
    c.html(<OpenFeedbackPage page={page} token={token} target={target} values={values} errors={errors} />, 400);
  if (!respondent.ok || comments.errors) return rerender({ ...(respondent.ok ? {} : respondent.fields), ...comments.errors });

  const result = await submitOpenFeedback(deps, target, { respondent: respondent.value, texts: comments.changes.texts });
  if (!result.ok) {
    switch (result.error) {
      case 'empty':
        return rerender({ [WHOLE_SLOT]: c.get('t')('feedback.error.empty') });
      case 'unknown_section':
        return rerender(unknownSectionErrors(c, Object.keys(comments.changes.texts).filter((slot) => !target.sections.some((s) => s.id === slot) && slot !== WHOLE_SLOT)));
      case 'round_not_open':
        return c.html(<NotOpenPage page={page} round={target.round} />, 409);
      case 'round_closed':
        return c.html(<OpenClosedPage page={page} target={target} />, 409);
    }
  }
  return c.redirect(`/o/${token}?done=1`, 303);
});
