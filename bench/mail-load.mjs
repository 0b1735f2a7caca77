// A big send under the provider's rate limit: 2,000 invitations from `wrangler dev` (throw-away local D1) to a
// stand-in for Resend on node:http that allows 2 requests a second (429 with retry-after beyond) and honours
// idempotency keys as Resend does. Prints emails lost and doubled and the time against the ideal
// 2,000 ÷ 100 ÷ 2 s = 10 s. Correctness is asserted by the tests; this only prints figures.
import { createServer } from 'node:http';
import { startLocalHub } from './support/local-hub.mjs';

const INVITEES = 2000;
const LIMIT_PER_SECOND = 2;
const BATCH = 100;
const IDEAL_SECONDS = INVITEES / BATCH / LIMIT_PER_SECOND;
const TAG = 'bench-mail';
const ROUND_ID = '01BENCHROUND00000000000000';
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);
const q = (value) => `'${String(value).replaceAll("'", "''")}'`;

function seedSql(tokenHash) {
  const now = Date.now();
  const lines = [
    `INSERT INTO staff_users (id, email, name, role, active, created_at, updated_at) VALUES ('BENCHSTAFF0000000000000000', 'bench@example.gov.cn', 'bench', 'organizer', 1, ${now}, ${now});`,
    `INSERT INTO api_tokens (id, staff_id, name, token_hash, prefix, created_at) VALUES ('BENCHTOKEN0000000000000000', 'BENCHSTAFF0000000000000000', 'bench', ${q(tokenHash)}, 'rt_bench', ${now});`,
    `INSERT INTO rounds (id, title, draft_source, status, opens_at, closes_at, audience, opened_at, created_at, updated_at) VALUES (${q(ROUND_ID)}, '压力测试轮次', '第一章 总则', 'open', ${now - 3600_000}, ${now + 30 * 86400_000}, ${q(JSON.stringify({ categories: [], tags: [TAG], stakeholderIds: [] }))}, ${now}, ${now}, ${now});`,
  ];
  for (let i = 0; i < INVITEES; i += 200) {
    const rows = [];
    const tags = [];
    for (let j = i; j < Math.min(INVITEES, i + 200); j++) {
      const id = `01BENCHSH${String(j).padStart(17, '0')}`;
      const email = `invitee${j}@example.com`;
      rows.push(`(${q(id)}, ${q(`受邀人${j}`)}, 'enterprise', ${q(email)}, ${q(email)}, 1, 'import', ${now}, ${now})`);
      tags.push(`(${q(id)}, ${q(TAG)})`);
    }
    lines.push(`INSERT INTO stakeholders (id, name, category, email, email_normalized, consent, source, created_at, updated_at) VALUES ${rows.join(',')};`);
    lines.push(`INSERT INTO stakeholder_tags (stakeholder_id, tag) VALUES ${tags.join(',')};`);
  }
  return lines.join('\n');
}

/** Resend's stand-in: a sliding one-second window of 2 requests; a repeated idempotency key gets the first answer. */
function startStandIn() {
  const stats = { requests: 0, limited: 0, replays: 0, perRecipient: new Map(), firstAt: null, lastAt: null };
  const window = [];
  const answers = new Map();
  let nextId = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      stats.requests += 1;
      const now = Date.now();
      while (window.length && window[0] <= now - 1000) window.shift();
      const send = (status, json, headers = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      if (window.length >= LIMIT_PER_SECOND) {
        stats.limited += 1;
        return send(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, { 'retry-after': '1' });
      }
      window.push(now);
      const key = req.headers['idempotency-key'];
      if (key && answers.has(key)) {
        stats.replays += 1;
        return send(200, answers.get(key));
      }
      const emails = req.url === '/emails/batch' ? JSON.parse(body) : [JSON.parse(body)];
      for (const email of emails) {
        const to = email.to[0];
        stats.perRecipient.set(to, (stats.perRecipient.get(to) ?? 0) + 1);
      }
      stats.firstAt ??= now;
      stats.lastAt = now;
      const ids = emails.map(() => ({ id: `standin_${++nextId}` }));
      const answer = req.url === '/emails/batch' ? { data: ids, errors: [] } : ids[0];
      if (key) answers.set(key, answer);
      send(200, answer);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, stats, port: server.address().port })));
}

const standIn = await startStandIn();
const { origin, authorization, stop } = await startLocalHub({ name: 'mail', seedSql, vars: (port) => ['RESEND_API_KEY:re_bench', `RESEND_BASE_URL:http://127.0.0.1:${standIn.port}`, `APP_URL:http://127.0.0.1:${port}`], devArgs: ['--test-scheduled'] });
try {

  const started = Date.now();
  const invited = await fetch(`${origin}/api/v1/rounds/${ROUND_ID}/invitations`, { method: 'POST', headers: { authorization } });
  const inviteMs = Date.now() - started;
  if (!invited.ok) throw new Error(`inviting answered ${invited.status}: ${await invited.text()}`);
  let progress = null;
  let lastCron = Date.now();
  while (Date.now() - started < TIMEOUT_MS) {
    if (Date.now() - lastCron >= 60_000) {
      lastCron = Date.now();
      await fetch(`${origin}/__scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
    }
    progress = await (await fetch(`${origin}/api/v1/rounds/${ROUND_ID}/mail-progress`, { headers: { authorization } })).json();
    if (progress.total >= INVITEES && progress.remaining === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const doneMs = Date.now() - started;

  const counts = [...standIn.stats.perRecipient.values()];
  const lost = INVITEES - standIn.stats.perRecipient.size;
  const doubled = counts.filter((n) => n > 1).length;
  const sendSeconds = standIn.stats.firstAt ? (standIn.stats.lastAt - standIn.stats.firstAt) / 1000 : NaN;
  console.log(`${INVITEES} invitations against a stand-in allowing ${LIMIT_PER_SECOND} requests/s, batches of up to ${BATCH}`);
  console.log(`  emails received once       ${counts.filter((n) => n === 1).length}`);
  console.log(`  lost (never received)      ${lost}${lost === 0 ? '  — none lost' : ''}`);
  console.log(`  doubled (received twice+)  ${doubled}${doubled === 0 ? '  — none doubled' : ''}`);
  console.log(`  requests / 429s / replays  ${standIn.stats.requests} / ${standIn.stats.limited} / ${standIn.stats.replays}`);
  console.log(`  outbox at the end          ${JSON.stringify(progress?.byStatus ?? {})}`);
  console.log(`  invite request             ${(inviteMs / 1000).toFixed(1)} s (writing ${INVITEES} invitations and outbox rows)`);
  console.log(`  first to last email        ${sendSeconds.toFixed(1)} s   (ideal ${IDEAL_SECONDS.toFixed(1)} s = ${INVITEES} ÷ ${BATCH} ÷ ${LIMIT_PER_SECOND} /s)`);
  console.log(`  trigger to all sent        ${(doneMs / 1000).toFixed(1)} s`);
} finally {
  standIn.server.close();
  stop();
}
