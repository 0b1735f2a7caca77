/**
 * Whole staff pages of a round (its page, triage, the summary) kept in the isolate between requests. Staff at the end
 * of a round open the same pages again and again while nothing changes; each costs 100–200 KB of rendering. A kept
 * page is served only while it is current: its key holds the round's content revision and the 'people' revision,
 * which triggers bump on every write a round's pages show, whichever code path wrote (migration 0012), and every
 * other input of the page: the URL with its query, the viewer (id, role, name), the locale, the browser kind, the
 * asset names, and the minute on the app's clock (deadlines, "N days left"). A hit costs one small D1 round trip.
 */
import { eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { contentRevisions, rounds } from '../db/schema';
import type { AppEnv } from '../env';
import { bearerToken, SESSION_COOKIE, sessionLookup } from '../features/auth/sessions';
import { MINUTE_MS } from '../lib/clock';
import type { Deps } from '../lib/deps';
import { keepParts, keptParts } from './fragment-cache';
import { isWeChat } from './wechat';

/** Set on a response served from a kept page: lets tests and the bench tell a kept page from a rendered one. */
export const KEPT_PAGE_HEADER = 'x-roundtable-kept';

/** The paths of the kept pages; `:id` is the round. */
export const KEPT_ROUND_PAGE_PATHS = ['/rounds/:id', '/rounds/:id/triage', '/rounds/:id/summary'];

function revisionQuery(deps: Deps, roundId: string) {
  return deps.db
    .select({ round: rounds.contentRev, people: contentRevisions.rev })
    .from(rounds)
    .innerJoin(contentRevisions, eq(contentRevisions.scope, 'people'))
    .where(eq(rounds.id, roundId))
    .limit(1);
}

function revisionOf(rows: Awaited<ReturnType<typeof revisionQuery>>): string | null {
  const row = rows[0];
  return row ? `${row.round}.${row.people}` : null;
}

/**
 * On the kept pages' paths, before `loadStaff`: the session and the round's revisions in one batch, so that a kept
 * page costs the one D1 round trip any signed-in page costs. Without a session cookie it leaves both to later.
 */
export const sessionWithRoundRevision: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookie = getCookie(c, SESSION_COOKIE);
  const roundId = c.req.param('id');
  if (!cookie || !roundId || bearerToken(c.req.header('authorization'))) return next();
  const deps = c.get('deps');
  const lookup = await sessionLookup(deps, cookie);
  const [sessionRows, revisionRows] = await deps.db.batch([lookup.query, revisionQuery(deps, roundId)]);
  const staff = await lookup.resolve(sessionRows);
  c.set('staff', staff);
  c.set('authMethod', staff ? 'session' : null);
  c.set('staffLoaded', true);
  c.set('roundPageRevision', revisionOf(revisionRows));
  await next();
};

/** The revisions a round's pages are current at (read with the session when it could be), null for no such round. */
async function roundPageRevision(c: Context<AppEnv>, roundId: string): Promise<string | null> {
  const read = c.get('roundPageRevision');
  if (read !== undefined) return read;
  return revisionOf(await revisionQuery(c.get('deps'), roundId));
}

function pageKey(c: Context<AppEnv>, revision: string): string {
  const staff = c.get('staff');
  const assets = c.get('assets');
  const minute = Math.floor(c.get('deps').clock().getTime() / MINUTE_MS);
  return JSON.stringify([
    'page',
    revision,
    c.req.url,
    c.get('locale'),
    staff ? [staff.id, staff.role, staff.name, c.get('authMethod')] : null,
    isWeChat(c.req.header('user-agent')),
    assets ? [assets.css, assets.js] : null,
    minute,
  ]);
}

/**
 * The round's page at `roundId` as `render` answers it, kept while current. Only a 200 HTML answer that sets no
 * cookie is kept; anything else (a 404, a redirect, a form with errors) is rendered every time.
 */
export async function keptRoundPage(c: Context<AppEnv>, roundId: string, render: () => Promise<Response>): Promise<Response> {
  const revision = await roundPageRevision(c, roundId);
  if (revision === null) return render();
  const key = pageKey(c, revision);
  const kept = keptParts(key);
  if (kept) {
    const [html, headers] = kept as [string, string];
    const response = new Response(html, { status: 200, headers: JSON.parse(headers) as [string, string][] });
    response.headers.set(KEPT_PAGE_HEADER, 'page');
    return response;
  }
  const response = await render();
  if (response.status !== 200 || response.headers.has('set-cookie') || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  keepParts(key, [html, JSON.stringify([...response.headers])]);
  return new Response(html, { status: 200, headers: response.headers });
}
