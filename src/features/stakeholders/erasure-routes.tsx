/** Staff pages of erasure requests; completing one is the erase route (`POST /stakeholders/:id/erase`). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { hasRole, requireRole } from '../auth/guard';
import { pageContext } from '../../ui/page';
import { listOpenErasureRequests } from './erasure-requests';
import { ERASURE_REQUESTS_PATH, ErasureRequestsPage } from './erasure-views';

export const erasureRoutes = new Hono<AppEnv>();

erasureRoutes.get(ERASURE_REQUESTS_PATH, requireRole('viewer'), async (c) => {
  const deps = c.get('deps');
  const requests = await listOpenErasureRequests(deps);
  const notice = c.req.query('notice') === 'completed' ? c.get('t')('stakeholders.erasure.requests.completed') : undefined;
  return c.html(<ErasureRequestsPage page={pageContext(c)} requests={requests} now={deps.clock()} canChange={hasRole(c.get('staff'), 'organizer')} notice={notice} />);
});
