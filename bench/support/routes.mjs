// The hot routes, on the reference data: what stakeholders open and save, what staff look at and download. Links
// rotate over the round's invitees (responded ones for the page, the others for saving: as autosave does for people
// still writing); staff requests carry the organizer's session cookie, as a browser does.
import { SESSION_COOKIE } from './local-hub.mjs';

export const DOWNLOAD_CONNECTIONS = 2;
/** What every browser sends (autocannon sends nothing of the kind unless told); the baseline gets it too. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
export const CONNECTIONS = 10;

/** `limits`: the D1 round trips one request may take (issue 13); `page`: held to 1.5× the baseline page's p50. */
export async function hotRoutes(origin, ref) {
  const round = ref.rounds.big;
  const staff = { cookie: `${SESSION_COOKIE}=${ref.sessionCookie}` };
  const { responded, notResponded, rsvp } = ref.tokens;
  const form = await (await fetch(`${origin}/api/v1/feedback/${notResponded[0]}`)).json();
  const sectionIds = form.sections.map((s) => s.id);
  const rotate = (tokens) => (i) => tokens[i % tokens.length];
  return [
    { key: 'feedback', name: 'feedback page /f/<token>', method: 'GET', path: (i) => `/f/${rotate(responded)(i)}`, page: true, d1Max: 3 },
    {
      key: 'save',
      name: 'save feedback PUT /api/v1/feedback/<token>',
      method: 'PUT',
      path: (i) => `/api/v1/feedback/${rotate(notResponded)(i)}`,
      headers: { 'content-type': 'application/json' },
      // Autosave of one comment, a little longer each time, as someone typing.
      body: (i) => JSON.stringify({ opinions: [{ sectionId: sectionIds[i % sectionIds.length], text: `建议进一步明确本条的适用范围和责任部门（第${i}次保存）。` }] }),
      d1Max: 3,
    },
    { key: 'round', name: 'round page /rounds/<id>', method: 'GET', path: () => `/rounds/${round}`, headers: staff, page: true, d1Max: 6 },
    { key: 'triage', name: 'triage /rounds/<id>/triage', method: 'GET', path: () => `/rounds/${round}/triage`, headers: staff, page: true },
    { key: 'summary', name: 'summary page /rounds/<id>/summary', method: 'GET', path: () => `/rounds/${round}/summary`, headers: staff, page: true, aloneMaxMs: 1000 },
    { key: 'xlsx', name: 'summary XLSX download', method: 'GET', path: () => `/rounds/${round}/summary.xlsx`, headers: staff, connections: DOWNLOAD_CONNECTIONS, aloneMaxMs: 1000 },
    { key: 'docx', name: 'summary DOCX download', method: 'GET', path: () => `/rounds/${round}/summary.docx`, headers: staff, connections: DOWNLOAD_CONNECTIONS },
    { key: 'search', name: 'directory search /stakeholders?q=', method: 'GET', path: () => `/stakeholders?q=${encodeURIComponent(ref.search.common)}`, headers: staff, page: true },
    { key: 'rsvp', name: 'RSVP page /m/<token>', method: 'GET', path: (i) => `/m/${rotate(rsvp)(i)}`, page: true, d1Max: 3 },
  ].map((route) => ({ connections: CONNECTIONS, ...route, headers: { ...BROWSER, ...route.headers } }));
}

/** The baseline Worker's two routes: a row by primary key as JSON, and as a ~20 KB page. */
export function baselineRoutes(ref) {
  return {
    page: { key: 'baseline-page', name: 'baseline: one row as a ~20 KB hono/jsx page', method: 'GET', path: () => `/page/${ref.stakeholderId}`, headers: BROWSER, connections: CONNECTIONS },
    json: { key: 'baseline-json', name: 'baseline: one indexed row as JSON', method: 'GET', path: () => `/row/${ref.stakeholderId}`, headers: BROWSER, connections: CONNECTIONS },
  };
}

/** Single requests that tell more than the load figures: the directory at depth, every summary download. */
export function detailRoutes(ref) {
  const round = ref.rounds.big;
  const staff = { cookie: `${SESSION_COOKIE}=${ref.sessionCookie}` };
  const get = (key, name, path) => ({ key, name, method: 'GET', path: () => path, headers: staff });
  return [
    get('directory-first', 'directory, first page', '/stakeholders'),
    get('directory-deep', 'directory, deep page (100 left)', `/stakeholders?cursor=${ref.deepCursor}`),
    get('directory-rare', 'directory search, rare match', `/stakeholders?q=${encodeURIComponent(ref.search.rare)}`),
    get('directory-common', 'directory search, common match', `/stakeholders?q=${encodeURIComponent(ref.search.common)}`),
    get('directory-tag', 'directory filtered by tag', `/stakeholders?tag=${encodeURIComponent('沪港青年')}`),
    get('csv', 'summary CSV', `/rounds/${round}/summary.csv`),
    get('xlsx', 'summary XLSX', `/rounds/${round}/summary.xlsx`),
    get('docx', 'summary DOCX', `/rounds/${round}/summary.docx`),
    get('reply-letter', 'reply letter DOCX', `/rounds/${round}/reply-letter.docx`),
    get('summary-json', 'JSON summary API', `/api/v1/rounds/${round}/summary`),
    get('summary', 'summary page', `/rounds/${round}/summary`),
    get('triage-pending', 'triage, pending only', `/rounds/${round}/triage?disposition=pending`),
  ];
}
