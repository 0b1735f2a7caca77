// A big send under the provider's rate limit, on the reference data: a round for the 2,000 stakeholders of the
// district round's audience is created, opened and invited through the API of `wrangler dev` (on a copy of the data),
// which sends to a stand-in for Resend on node:http that allows 2 requests a second (429 with retry-after beyond)
// and honours idempotency keys as Resend does. Reports emails lost and doubled, and the time against the ideal
// 2,000 ÷ 100 ÷ 2 s = 10 s. Correctness is asserted by the tests; this only measures.
// `node bench/mail-load.mjs [--persist-to DIR]` runs it alone; bench/run.mjs runs it too.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { BIG_ROUND_AUDIENCE, BIG_ROUND_TAG } from '../scripts/seed-reference/people.mjs';
import { copyOf, referenceData, startHub } from './support/local-hub.mjs';

const INVITEES = BIG_ROUND_AUDIENCE;
const LIMIT_PER_SECOND = 2;
const BATCH = 100;
export const IDEAL_SECONDS = INVITEES / BATCH / LIMIT_PER_SECOND;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);
const DAY = 86_400_000;

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


async function api(origin, authorization, method, path, body) {
  const res = await fetch(origin + path, { method, headers: { authorization, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Runs the send on a copy of `persistTo`; resolves to the figures (seconds, ratio to the ideal, lost, doubled…). */
export async function runMailLoad({ persistTo, reference, log = console.log }) {
  const copy = copyOf(persistTo);
  const standIn = await startStandIn();
  const hub = await startHub(copy.dir, {
    vars: { RESEND_API_KEY: 're_bench', RESEND_BASE_URL: `http://127.0.0.1:${standIn.port}` },
    devArgs: ['--test-scheduled'],
  });
  try {
    const { origin } = hub;
    const authorization = `Bearer ${reference.apiToken}`;
    const now = Date.now();
    const round = await api(origin, authorization, 'POST', '/api/v1/rounds', {
      title: '大批量邀请压力测试',
      draft: '第一条　为了检验大批量邀请的发送，设立本轮次。\n第二条　本轮次仅用于性能测试。',
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + 31 * DAY).toISOString(),
      audience: { categories: [], tags: [BIG_ROUND_TAG], stakeholderIds: [] },
    });
    await api(origin, authorization, 'POST', `/api/v1/rounds/${round.id}/open`, {});

    const started = Date.now();
    const invited = await api(origin, authorization, 'POST', `/api/v1/rounds/${round.id}/invitations`);
    const inviteMs = Date.now() - started;
    if (invited.invited !== INVITEES) throw new Error(`invited ${invited.invited}, expected ${INVITEES}`);
    let progress = null;
    let lastCron = Date.now();
    while (Date.now() - started < TIMEOUT_MS) {
      if (Date.now() - lastCron >= 60_000) {
        lastCron = Date.now();
        await fetch(`${origin}/__scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
      }
      progress = await api(origin, authorization, 'GET', `/api/v1/rounds/${round.id}/mail-progress`);
      if (progress.total >= INVITEES && progress.remaining === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const doneMs = Date.now() - started;
    const counts = [...standIn.stats.perRecipient.values()];
    const sendSeconds = standIn.stats.firstAt ? (standIn.stats.lastAt - standIn.stats.firstAt) / 1000 : NaN;
    const result = {
      invitations: INVITEES,
      receivedOnce: counts.filter((n) => n === 1).length,
      lost: INVITEES - standIn.stats.perRecipient.size,
      doubled: counts.filter((n) => n > 1).length,
      requests: standIn.stats.requests,
      limited: standIn.stats.limited,
      replays: standIn.stats.replays,
      outbox: progress?.byStatus ?? {},
      inviteSeconds: inviteMs / 1000,
      sendSeconds,
      idealSeconds: IDEAL_SECONDS,
      ratio: sendSeconds / IDEAL_SECONDS,
      triggerToAllSentSeconds: doneMs / 1000,
    };
    log(`${INVITEES} invitations against a stand-in allowing ${LIMIT_PER_SECOND} requests/s, batches of up to ${BATCH}`);
    log(`  emails received once       ${result.receivedOnce}`);
    log(`  lost (never received)      ${result.lost}${result.lost === 0 ? '  — none lost' : ''}`);
    log(`  doubled (received twice+)  ${result.doubled}${result.doubled === 0 ? '  — none doubled' : ''}`);
    log(`  requests / 429s / replays  ${result.requests} / ${result.limited} / ${result.replays}`);
    log(`  outbox at the end          ${JSON.stringify(result.outbox)}`);
    log(`  invite request             ${result.inviteSeconds.toFixed(1)} s (writing ${INVITEES} invitations and outbox rows)`);
    log(`  first to last email        ${sendSeconds.toFixed(1)} s   (ideal ${IDEAL_SECONDS.toFixed(1)} s = ${INVITEES} ÷ ${BATCH} ÷ ${LIMIT_PER_SECOND} /s): ×${result.ratio.toFixed(2)}`);
    log(`  trigger to all sent        ${result.triggerToAllSentSeconds.toFixed(1)} s`);
    return result;
  } finally {
    standIn.server.close();
    await hub.stop();
    copy.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
  const data = await referenceData({ persistTo: values['persist-to'] });
  try {
    await runMailLoad(data);
  } finally {
    data.cleanup();
  }
}
