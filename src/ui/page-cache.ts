/**
 * Whole staff pages of a round (its page, triage, the summary) and the directory's list, kept in the isolate between
 * requests. Staff at the end of a round open the same pages again and again while nothing changes; each costs
 * 100–200 KB of rendering. A kept page is served only while it is current: its key holds the round's content revision
 * and the 'people' revision (the directory: the people revision alone), which triggers bump on every write the pages
 * show, whichever code path wrote (migration 0012), the round's activity revision on the round's own page (the
 * invitees' last activity, which autosaves move: migration 0014), and every other input of the page: the URL with its
 * query, the viewer (id, role, name), the locale, the browser kind, the asset names, and the minute on the app's
 * clock (deadlines, "N days left"). A hit costs the session's one D1 statement.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { bearerToken, SESSION_COOKIE, sessionLookup, type SessionRow } from '../features/auth/sessions';
import { MINUTE_MS } from '../lib/clock';
import type { Deps } from '../lib/deps';
import { keepParts, keptParts } from './fragment-cache';
import { isWeChat } from './wechat';

/** Set on a response served from a kept page: lets tests and the bench tell a kept page from a rendered one. */
export const KEPT_PAGE_HEADER = 'x-roundtable-kept';

/** The paths of the kept round pages (`:id` is the round) and of the directory's list. */
export const KEPT_ROUND_PAGE_PATHS = ['/rounds/:id', '/rounds/:id/triage', '/rounds/:id/summary'];
export const KEPT_DIRECTORY_PAGE_PATHS = ['/stakeholders'];

/**
 * The round's content revision (null for no such round, or none asked) and the people revision; in SQL like the
 * session's statement they join (features/auth/sessions.ts), for the same reason.
 */
const REVISION_COLUMNS = (round: string) =>
  `(SELECT content_rev FROM rounds WHERE id = ${round}) AS round, (SELECT activity_rev FROM rounds WHERE id = ${round}) AS activity, (SELECT rev FROM content_revisions WHERE scope = 'people') AS people`;

/** `activity`: the invitees' last activity (migration 0014), which only the round's own page shows. */
type Revisions = { round: number | null; activity: number; people: number };

const revisionsOf = (row: Partial<Revisions> | null | undefined): Revisions => ({ round: row?.round ?? null, activity: row?.activity ?? 0, people: row?.people ?? 0 });

/**
 * On the kept pages' paths, before `loadStaff`: the revisions read in the session's own statement, so that a kept
 * page costs the one D1 round trip any signed-in page costs. Without a session cookie it leaves both to later.
 */
export const sessionWithPageRevisions: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie || bearerToken(c.req.header('authorization'))) return next();
  const deps = c.get('deps');
  const lookup = await sessionLookup(deps, cookie, { columns: REVISION_COLUMNS('?3'), params: [c.req.param('id') ?? null] });
  const row = await lookup.statement.first<SessionRow & Revisions>();
  const staff = await lookup.resolve(row);
  c.set('staff', staff);
  c.set('authMethod', staff ? 'session' : null);
  c.set('staffLoaded', true);
  if (row) c.set('pageRevisions', revisionsOf(row));
  await next();
};

/** The revisions read with the session when they could be, else now. */
async function pageRevisions(c: Context<AppEnv>, roundId: string | null): Promise<Revisions> {
  const read = c.get('pageRevisions');
  if (read) return read;
  return revisionsOf(await c.get('deps').d1.prepare(`SELECT ${REVISION_COLUMNS('?1')}`).bind(roundId).first<Revisions>());
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

async function gzipped(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const acceptsGzip = (c: Context<AppEnv>) => /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');

/**
 * The kept page: gzipped once when kept, and sent so to every browser (they all accept it): a tenth of the bytes, and
 * no compressing per view. `encodeBody: 'manual'` tells the runtime the body is encoded already.
 */
function keptResponse(c: Context<AppEnv>, plain: Uint8Array, gzip: Uint8Array, headers: HeadersInit): Response {
  const zipped = acceptsGzip(c);
  const response = zipped ? new Response(gzip, { status: 200, headers, encodeBody: 'manual' }) : new Response(plain, { status: 200, headers });
  if (zipped) response.headers.set('content-encoding', 'gzip');
  response.headers.append('vary', 'accept-encoding');
  return response;
}

/**
 * The page as `render` answers it, kept under `revision` while current. Only a 200 HTML answer that sets no cookie
 * is kept; anything else (a 404, a redirect, a form with errors) is rendered every time.
 */
async function keptPage(c: Context<AppEnv>, revision: string, render: () => Promise<Response>): Promise<Response> {
  const key = pageKey(c, revision);
  const kept = keptParts(key);
  if (kept) {
    const [plain, gzip, headers] = kept as [Uint8Array, Uint8Array, string];
    const response = keptResponse(c, plain, gzip, JSON.parse(headers) as [string, string][]);
    response.headers.set(KEPT_PAGE_HEADER, 'page');
    return response;
  }
  const response = await render();
  if (response.status !== 200 || response.headers.has('set-cookie') || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  // Kept as UTF-8 bytes: a 150 KB page is not encoded again for every view.
  const plain = new Uint8Array(await response.arrayBuffer());
  const gzip = await gzipped(plain);
  const headers = [...response.headers];
  keepParts(key, [plain, gzip, JSON.stringify(headers)]);
  return keptResponse(c, plain, gzip, headers);
}

/**
 * A staff page of the round `roundId` (its page, triage, summary), kept while the round and its people are as they
 * were; `showsActivity` (the round's page: its invitees' last activity) also while no invitee has been active since.
 */
export async function keptRoundPage(c: Context<AppEnv>, roundId: string, render: () => Promise<Response>, { showsActivity = false } = {}): Promise<Response> {
  const { round, activity, people } = await pageRevisions(c, roundId);
  if (round === null) return render();
  return keptPage(c, `round:${roundId}:${round}:${showsActivity ? activity : '-'}:${people}`, render);
}

/** A page of the directory's list, kept while the people (their tags, erasure requests) are as they were. */
export async function keptDirectoryPage(c: Context<AppEnv>, render: () => Promise<Response>): Promise<Response> {
  const { people } = await pageRevisions(c, null);
  return keptPage(c, `people:${people}`, render);
}
