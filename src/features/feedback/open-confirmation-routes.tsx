/** `/o/confirm/:token`: the owner of an address typed on the open link confirms it. GET shows; only POST confirms. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { pageContext } from '../../ui/page';
import { confirmOpenEmail, findConfirmation } from './open-confirmation';
import { ConfirmEmailPage, ConfirmLinkInvalidPage } from './open-confirmation-views';

export const confirmationRoutes = new Hono<AppEnv>();

// GET must not confirm: mail scanners open links.
confirmationRoutes.get('/o/confirm/:token', async (c) => {
  const pending = await findConfirmation(c.get('deps'), c.req.param('token'));
  if (!pending) return c.html(<ConfirmLinkInvalidPage page={pageContext(c)} />, 404);
  return c.html(<ConfirmEmailPage page={pageContext(c)} token={c.req.param('token')} pending={pending} />);
});

confirmationRoutes.post('/o/confirm/:token', async (c) => {
  const token = c.req.param('token');
  const deps = c.get('deps');
  const result = await confirmOpenEmail(deps, token);
  if (result.ok) return c.redirect(`/o/confirm/${token}`, 303);
  // Already confirmed or expired: the page says which; an unknown token says nothing.
  const pending = await findConfirmation(deps, token);
  if (!pending) return c.html(<ConfirmLinkInvalidPage page={pageContext(c)} />, 404);
  return c.html(<ConfirmEmailPage page={pageContext(c)} token={token} pending={pending} />, pending.confirmedAt ? 200 : 410);
});
