/**
 * `/u/:token`: GET shows a confirm page; POST unsubscribes — from our page's buttons, or RFC 8058 one-click from a
 * mail client (`List-Unsubscribe=One-Click`). No sign-in and no CSRF token: the HMAC-signed token is the proof.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { pageContext } from '../../ui/page';
import { isUnsubscribed, unsubscribe } from './service';
import { readUnsubscribeToken } from './tokens';
import { InvalidUnsubscribePage, UnsubscribePage } from './views';

/** Tokens are an address, a kind and a signature; anything longer is not ours. */
const MAX_TOKEN_LENGTH = 512;

export const unsubscribeRoutes = new Hono<AppEnv>();

async function target(c: Context<AppEnv>) {
  const token = c.req.param('token') ?? '';
  if (token.length > MAX_TOKEN_LENGTH) return null;
  return readUnsubscribeToken(c.get('deps').config.signingSecret, token);
}

unsubscribeRoutes.get('/u/:token', async (c) => {
  const found = await target(c);
  if (!found) return c.html(<InvalidUnsubscribePage page={pageContext(c)} />, 404);
  const state = (await isUnsubscribed(c.get('deps'), found)) ? 'already' : 'ask';
  return c.html(<UnsubscribePage page={pageContext(c)} token={c.req.param('token')} target={found} state={state} />);
});

unsubscribeRoutes.post('/u/:token', async (c) => {
  const found = await target(c);
  if (!found) return c.html(<InvalidUnsubscribePage page={pageContext(c)} />, 404);
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  // One-click posts carry `List-Unsubscribe=One-Click`; our page's second button asks for everything.
  const scope = body['scope'] === 'all' ? 'all' : 'kind';
  await unsubscribe(c.get('deps'), found, scope);
  return c.html(<UnsubscribePage page={pageContext(c)} token={c.req.param('token')} target={found} state="done" scope={scope === 'all' ? '*' : undefined} />);
});
