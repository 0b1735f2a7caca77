/** `/f/:token/erase-request`: GET asks to confirm (or shows the open request), POST files it and redirects back. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { pageContext } from '../../ui/page';
import { openErasureRequest, requestErasure } from '../stakeholders/erasure-requests';
import { findLink } from './service';
import { LinkNotFoundPage } from './views';
import { ErasureRequestPage } from './erasure-views';

export const erasureRequestRoutes = new Hono<AppEnv>();

// GET changes nothing: mail scanners open links.
erasureRequestRoutes.get('/f/:token/erase-request', async (c) => {
  const deps = c.get('deps');
  const token = c.req.param('token');
  const link = await findLink(deps, token);
  if (!link) return c.html(<LinkNotFoundPage page={pageContext(c)} />, 404);
  const request = (await openErasureRequest(deps, link.stakeholder.id)) ?? null;
  return c.html(<ErasureRequestPage page={pageContext(c)} token={token} link={link} request={request} received={c.req.query('done') === 'requested'} />);
});

/** Post/redirect/get: reloading the status page sends nothing again, and a second post finds the open request. */
erasureRequestRoutes.post('/f/:token/erase-request', async (c) => {
  const deps = c.get('deps');
  const token = c.req.param('token');
  const link = await findLink(deps, token);
  if (!link) return c.html(<LinkNotFoundPage page={pageContext(c)} />, 404);
  const result = await requestErasure(deps, link.stakeholder, { via: 'feedback_link', roundId: link.round.id });
  if (!result.ok) return c.html(<LinkNotFoundPage page={pageContext(c)} />, 404);
  return c.redirect(`/f/${token}/erase-request?done=requested`, 303);
});
