// How the stakeholder list scales: 5,000 stakeholders in a throw-away local D1, served by `wrangler dev`;
// times the first page, a deep cursor page and searches. Prints medians; asserts nothing about timings.
import { median, startLocalHub } from './support/local-hub.mjs';

const STAKEHOLDERS = 5000;
const ROWS_PER_INSERT = 200;
const RUNS = 15;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CATEGORIES = ['proposer', 'street', 'department', 'enterprise', 'young_entrepreneur', 'expert', 'other'];
const ORGS = ['区政协', '华阳路街道办事处', '江苏路街道办事处', '区商务委', '区人力资源社会保障局', '新微科技集团', '黑湖智造'];

const base32 = (value, length) => {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
};
/** ULID-shaped, increasing ids, as the app makes them. */
const idAt = (i) => base32(Date.UTC(2026, 0, 1) + i, 10) + base32(i, 16);
const q = (value) => `'${String(value).replaceAll("'", "''")}'`;

function seedSql(tokenHash) {
  const now = Date.now();
  const lines = [
    `INSERT INTO staff_users (id, email, name, role, active, created_at, updated_at) VALUES ('BENCHSTAFF0000000000000000', 'bench@example.gov.cn', 'bench', 'viewer', 1, ${now}, ${now});`,
    `INSERT INTO api_tokens (id, staff_id, name, token_hash, prefix, created_at) VALUES ('BENCHTOKEN0000000000000000', 'BENCHSTAFF0000000000000000', 'bench', ${q(tokenHash)}, 'rt_bench', ${now});`,
  ];
  const rows = [];
  const tags = [];
  for (let i = 0; i < STAKEHOLDERS; i++) {
    const id = idAt(i);
    const name = `人员${i}`;
    const org = ORGS[i % ORGS.length];
    const email = `person${i}@example.com`;
    const tag = i % 10 === 0 ? '硅巷' : i % 7 === 0 ? '沪港青年' : null;
    const search = [name, org, '委员', email, `1380000${String(i).padStart(4, '0')}`, tag].filter(Boolean).join(' ').toLowerCase();
    rows.push(`(${q(id)}, ${q(name)}, ${q(org)}, '委员', ${q(CATEGORIES[i % CATEGORIES.length])}, ${q(email)}, ${q(email)}, '', '', '', 1, 'import', ${q(search)}, ${now}, ${now})`);
    if (tag) tags.push(`(${q(id)}, ${q(tag)})`);
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    lines.push(
      `INSERT INTO stakeholders (id, name, organization, title, category, email, email_normalized, phone, phone_normalized, notes, consent, source, search_text, created_at, updated_at) VALUES ${rows.slice(i, i + ROWS_PER_INSERT).join(',\n')};`,
    );
  }
  for (let i = 0; i < tags.length; i += ROWS_PER_INSERT) lines.push(`INSERT INTO stakeholder_tags (stakeholder_id, tag) VALUES ${tags.slice(i, i + ROWS_PER_INSERT).join(',')};`);
  return lines.join('\n');
}

async function time(url, authorization) {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization } });
  await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - started;
}

const { origin, authorization, stop } = await startLocalHub({ name: 'list', seedSql });
try {

  // The id after which only the last 100 stakeholders remain (newest first, so the oldest ones).
  const deepCursor = idAt(100);
  const cases = [
    ['first page', '/stakeholders'],
    ['deep page (cursor near the end)', `/stakeholders?cursor=${deepCursor}`],
    ['search, rare match', `/stakeholders?q=${encodeURIComponent('人员4321')}`],
    ['search, common match', `/stakeholders?q=${encodeURIComponent('区商务委')}`],
    ['filter by tag', `/stakeholders?tag=${encodeURIComponent('沪港青年')}`],
    ['filter by category, deep', `/stakeholders?category=expert&cursor=${deepCursor}`],
    ['API first page', '/api/v1/stakeholders'],
  ];
  for (const [, path] of cases) await time(origin + path, authorization); // warm-up
  const results = [];
  for (const [label, path] of cases) {
    const samples = [];
    for (let i = 0; i < RUNS; i++) samples.push(await time(origin + path, authorization));
    results.push({ label, median: median(samples) });
  }
  const first = results[0].median;
  console.log(`stakeholder list with ${STAKEHOLDERS} stakeholders, median of ${RUNS} requests`);
  for (const { label, median: ms } of results) {
    console.log(`  ${label.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms   ×${(ms / first).toFixed(2)} of first page`);
  }
} finally {
  stop();
}
