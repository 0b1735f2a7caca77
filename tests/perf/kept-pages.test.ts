import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEPT_PAGE_HEADER } from '../../src/ui/page-cache';
import { countedRequest, fixedClock, postForm, request, requestWith, signedInAs, useAppClock } from '../helpers';
import { aRound, anInvitation } from '../feedback/factories';
import { aBusyRound } from './factories';

const run = (sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params).run();

const PAGES = ['', '/triage', '/summary'] as const;

async function page(path: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await request(path, { headers: { cookie, ...headers } });
  return { status: res.status, kept: res.headers.get(KEPT_PAGE_HEADER) === 'page', html: await res.text(), location: res.headers.get('location') };
}

// A kept page's key holds the minute on the app's clock: a clock that ran on would cross minutes between views.
beforeEach(() => useAppClock(fixedClock()));
afterEach(() => useAppClock(null));

describe('kept round pages', () => {
  for (const suffix of PAGES) {
    it(`/rounds/<id>${suffix} is rendered once, then kept and served with one D1 round trip while nothing changes`, async () => {
      const { id } = await aBusyRound({ invitees: 12, opinions: 40 });
      const { cookie } = await signedInAs('viewer');
      const first = await page(`/rounds/${id}${suffix}`, cookie);
      expect(first.status).toBe(200);
      expect(first.kept).toBe(false);
      const again = await countedRequest(`/rounds/${id}${suffix}`, { headers: { cookie } });
      expect(again.res.headers.get(KEPT_PAGE_HEADER)).toBe('page');
      expect(await again.res.text()).toBe(first.html);
      expect(again.trips).toBe(1);
      const third = await page(`/rounds/${id}${suffix}`, cookie);
      expect(third.kept).toBe(true);
      expect(third.html).toBe(first.html);
    });
  }

  // Writes in raw SQL, as any code path could make them: the triggers of migration 0012 must notice each.
  const changes: [string, string, (id: string) => Promise<unknown>, string][] = [
    ['/triage', 'an opinion’s text', (id) => run(`UPDATE opinions SET text = '改过的意见文字' WHERE id = ?1 || '-o000001'`, id), '改过的意见文字'],
    ['/triage', 'a reply', (id) => run(`UPDATE opinions SET reply = '已在第五条中采纳' WHERE id = ?1 || '-o000001'`, id), '已在第五条中采纳'],
    ['/triage', 'an assignee', (id) => run(`UPDATE opinions SET assignee = '赵处长' WHERE id = ?1 || '-o000001'`, id), '赵处长'],
    ['/triage', 'a new reply template', (id) => run(`INSERT INTO reply_templates (id, round_id, disposition, label, text, position, created_at) VALUES (?1 || '-t', ?1, 'adopted', '采纳模板甲', '感谢您的意见。', 1, 0)`, id), '采纳模板甲'],
    ['', 'a person’s name', (id) => run(`UPDATE stakeholders SET name = '更名后的委员' WHERE id = ?1 || '-s00001'`, id), '更名后的委员'],
    ['', 'the round’s title', (id) => run(`UPDATE rounds SET title = '改名后的征求意见' WHERE id = ?1`, id), '改名后的征求意见'],
    ['', 'a section’s heading', (id) => run(`UPDATE round_sections SET heading = '改过的章节标题' WHERE round_id = ?1 AND key = (SELECT MIN(key) FROM round_sections WHERE round_id = ?1 AND number IS NOT NULL)`, id), '改过的章节标题'],
    ['/summary', 'an opinion’s author', (id) => run(`UPDATE opinions SET author_name = '新的署名人' WHERE id = ?1 || '-o000002'`, id), '新的署名人'],
    ['/summary', 'a disposition', (id) => run(`UPDATE opinions SET disposition = 'adopted', reply = '采纳并修改' WHERE id = ?1 || '-o000003'`, id), '采纳并修改'],
    ['/summary', 'the office’s name', () => run(`INSERT INTO office_settings (id, office_name, updated_at) VALUES ('office', '某区人大常委会办公室测试', 0) ON CONFLICT (id) DO UPDATE SET office_name = excluded.office_name`), ''],
  ];

  for (const [suffix, name, change, shown] of changes) {
    it(`/rounds/<id>${suffix} is rendered again after ${name} changes`, async () => {
      const { id } = await aBusyRound({ invitees: 12, opinions: 40 });
      const { cookie } = await signedInAs('organizer');
      const path = `/rounds/${id}${suffix}`;
      await page(path, cookie);
      expect((await page(path, cookie)).kept).toBe(true);
      await change(id);
      const after = await page(path, cookie);
      expect(after.status).toBe(200);
      expect(after.kept).toBe(false);
      if (shown) expect(after.html).toContain(shown);
      expect((await page(path, cookie)).kept).toBe(true);
    });
  }

  it('stays kept for triage and the summary while a stakeholder autosaves; the round page, which shows last activity, follows', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const { cookie } = await signedInAs('organizer');
    const section = round.section('二');
    // The first save creates the response: that is news for every page (a draft under way).
    expect((await postForm(`${link.path}/autosave`, { [`s_${section.id}`]: '先写一句' })).status).toBe(200);
    for (const suffix of PAGES) await page(`/rounds/${round.id}${suffix}`, cookie);
    for (const suffix of PAGES) expect((await page(`/rounds/${round.id}${suffix}`, cookie)).kept).toBe(true);

    // Later saves, as someone typing: the draft's columns and the invitation's last activity.
    expect((await postForm(`${link.path}/autosave`, { [`s_${section.id}`]: '先写一句，再补充一句' })).status).toBe(200);
    expect((await page(`/rounds/${round.id}/triage`, cookie)).kept).toBe(true);
    expect((await page(`/rounds/${round.id}/summary`, cookie)).kept).toBe(true);
    const board = await page(`/rounds/${round.id}`, cookie);
    expect(board.kept).toBe(false);
    expect((await page(`/rounds/${round.id}`, cookie)).kept).toBe(true);

    // A submission is content: every page renders again.
    expect((await postForm(link.path, { action: 'submit', [`s_${section.id}`]: '先写一句，再补充一句', stance: 'agree' })).status).toBe(303);
    for (const suffix of PAGES) expect((await page(`/rounds/${round.id}${suffix}`, cookie)).kept, suffix).toBe(false);
  });

  it('goes gzipped to a browser that accepts it, the same page once unzipped, and plain to one that does not', async () => {
    const { id } = await aBusyRound({ invitees: 12, opinions: 40 });
    const { cookie } = await signedInAs('viewer');
    const path = `/rounds/${id}/summary`;
    const plain = await page(path, cookie);
    for (let i = 0; i < 2; i++) {
      // Straight from the app, as the runtime hands it to the network (a loopback fetch would unzip it).
      const res = await requestWith({}, path, { headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.length).toBeLessThan(new TextEncoder().encode(plain.html).length / 3);
      expect(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()).toBe(plain.html);
    }
    const identity = await requestWith({}, path, { headers: { cookie } });
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(await identity.text()).toBe(plain.html);
    const again = await page(path, cookie);
    expect(again.kept).toBe(true);
    expect(again.html).toBe(plain.html);
  });

  it('of a round that follows another is rendered again when the earlier round changes (its opinions are shown)', async () => {
    const earlier = await aBusyRound({ invitees: 6, opinions: 10 });
    const later = await aBusyRound({ invitees: 6, opinions: 4 });
    await run(`UPDATE rounds SET previous_round_id = ?1 WHERE id = ?2`, earlier.id, later.id);
    const { cookie } = await signedInAs('viewer');
    const path = `/rounds/${later.id}`;
    await page(path, cookie);
    expect((await page(path, cookie)).kept).toBe(true);
    await run(`UPDATE opinions SET disposition = 'adopted' WHERE id = ?1 || '-o000001'`, earlier.id);
    expect((await page(path, cookie)).kept).toBe(false);
    expect((await page(path, cookie)).kept).toBe(true);
    await run(`UPDATE rounds SET title = '上一轮的新标题' WHERE id = ?1`, earlier.id);
    const after = await page(path, cookie);
    expect(after.kept).toBe(false);
    expect(after.html).toContain('上一轮的新标题');
  });

  it('is not served to anyone signed out, whatever was kept', async () => {
    const { id } = await aBusyRound({ invitees: 6, opinions: 10 });
    const { cookie } = await signedInAs('admin');
    await page(`/rounds/${id}/triage`, cookie);
    expect((await page(`/rounds/${id}/triage`, cookie)).kept).toBe(true);
    const anonymous = await page(`/rounds/${id}/triage`, '');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain('/auth/sign-in');
    const forged = await page(`/rounds/${id}/triage`, '__Host-rt_session=not-a-session');
    expect(forged.status).toBe(303);
    await run(`UPDATE sessions SET revoked_at = 1 WHERE staff_id IN (SELECT id FROM staff_users WHERE role = 'admin')`);
    expect((await page(`/rounds/${id}/triage`, cookie)).status).toBe(303);
  });

  it('is kept for each viewer, role and language: an organizer never gets a viewer’s page, nor Chinese English', async () => {
    const { id } = await aBusyRound({ invitees: 6, opinions: 10 });
    const viewer = await signedInAs('viewer');
    const organizer = await signedInAs('organizer');
    const path = `/rounds/${id}/triage`;
    const viewerPage = await page(path, viewer.cookie);
    expect((await page(path, viewer.cookie)).kept).toBe(true);
    const organizerPage = await page(path, organizer.cookie);
    expect(organizerPage.kept).toBe(false);
    expect(organizerPage.html).toContain(organizer.staff.name);
    expect(organizerPage.html).not.toContain(viewer.staff.name);
    expect(organizerPage.html).not.toBe(viewerPage.html);
    const english = await page(path, `${viewer.cookie}; lang=en`, { 'accept-language': 'en' });
    expect(english.kept).toBe(false);
    expect(english.html).not.toBe(viewerPage.html);
  });

  it('is rendered again when the query or the minute changes (deadlines count from the clock)', async () => {
    const clock = fixedClock();
    useAppClock(clock);
    const { id } = await aBusyRound({ invitees: 6, opinions: 10 }, undefined);
    const { cookie } = await signedInAs('viewer', clock);
    const path = `/rounds/${id}/triage`;
    await page(path, cookie);
    expect((await page(path, cookie)).kept).toBe(true);
    expect((await page(`${path}?disposition=pending`, cookie)).kept).toBe(false);
    clock.advance(60_000);
    expect((await page(path, cookie)).kept).toBe(false);
  });

  it('is not kept when the answer is not a page: an unknown round is a 404 every time', async () => {
    const { cookie } = await signedInAs('viewer');
    for (let i = 0; i < 2; i++) {
      const res = await page('/rounds/no-such-round/triage', cookie);
      expect(res.status).toBe(404);
      expect(res.kept).toBe(false);
    }
  });
});

describe('the kept directory list', () => {
  it('is kept while the people are as they were, and rendered again after a new person, a tag or an erasure request', async () => {
    const { id } = await aBusyRound({ invitees: 6, opinions: 4 });
    const { cookie } = await signedInAs('organizer');
    const path = `/stakeholders?q=${encodeURIComponent('委员')}`;
    const first = await page(path, cookie);
    expect(first.kept).toBe(false);
    const again = await countedRequest(path, { headers: { cookie } });
    expect(again.res.headers.get(KEPT_PAGE_HEADER)).toBe('page');
    expect(again.trips).toBe(1);
    const changes: [() => Promise<unknown>, string][] = [
      [() => run(`INSERT INTO stakeholders (id, name, category, source, search_text, created_at, updated_at) VALUES (?1 || '-zz', '新来的委员甲', 'proposer', 'manual', '新来的委员甲', 0, 0)`, id), '新来的委员甲'],
      [() => run(`INSERT INTO stakeholder_tags (stakeholder_id, tag) VALUES (?1 || '-zz', '新标签乙')`, id), '新标签乙'],
      [() => run(`INSERT INTO erasure_requests (id, stakeholder_id, status, via, requested_at, due_at) VALUES (?1 || '-e', ?1 || '-zz', 'open', 'email', 0, 0)`, id), ''],
    ];
    for (const [change, shown] of changes) {
      await change();
      const after = await page(path, cookie);
      expect(after.kept).toBe(false);
      if (shown) expect(after.html).toContain(shown);
      expect((await page(path, cookie)).kept).toBe(true);
    }
  });
});

/*
 * Every table is either read by a round's staff pages, and a write to it bumps the round's content revision or the
 * 'people' one, or named here as not read by them. A new table fails this test until it is put on one side.
 */
const BUMPS_ROUND = [
  'opinions', 'responses', 'invitations', 'round_sections', 'draft_versions', 'draft_changes', 'reply_templates', 'feedback_attachments',
  'round_mailings', 'erasure_requests', 'inbound_items', 'outbox', 'meetings', 'invitation_reminders', 'opinion_changes', 'opinion_history',
  'version_sections', 'outbox_events', 'meeting_attendees', 'meeting_time_options', 'rounds',
];
const BUMPS_PEOPLE = ['stakeholders', 'stakeholder_tags', 'staff_users', 'office_settings', 'mail_suppressions'];
const NOT_ON_ROUND_PAGES = [
  'api_tokens', 'sessions', 'sign_in_tokens', 'rate_limit_hits', 'webhook_events', 'app_meta', 'audit_log', 'draft_opinions', 'meeting_reminders',
  'meeting_time_votes', 'round_figures', 'content_revisions', 'd1_migrations',
];

describe('content revisions (migration 0012)', () => {
  it('every table is either watched by triggers or named as not shown on a round’s pages', async () => {
    const { results: tables } = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`).all<{ name: string }>();
    expect(tables.map((t) => t.name).sort()).toEqual([...BUMPS_ROUND, ...BUMPS_PEOPLE, ...NOT_ON_ROUND_PAGES].sort());
    const { results: triggers } = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_content_%'`).all<{ name: string }>();
    const names = new Set(triggers.map((t) => t.name));
    for (const table of [...BUMPS_ROUND.filter((t) => t !== 'rounds'), ...BUMPS_PEOPLE]) {
      for (const event of ['insert', 'update', 'delete']) expect(names, `${table} on ${event}`).toContain(`${table}_content_${event}`);
    }
    expect(names).toContain('rounds_content_update');
  });

  it('watches every column of responses and invitations but an autosave’s own (migration 0014)', async () => {
    const autosaveOnly: Record<string, string[]> = { responses: ['draft_stance', 'draft_publication', 'revision', 'updated_at'], invitations: ['last_activity_at'] };
    for (const [table, left] of Object.entries(autosaveOnly)) {
      const trigger = await env.DB.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).bind(`${table}_content_update`).first<{ sql: string }>();
      const watched = [.../UPDATE OF (.*?) ON/s.exec(trigger!.sql)![1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
      const { results } = await env.DB.prepare(`SELECT name FROM pragma_table_info(?)`).bind(table).all<{ name: string }>();
      const columns = results.map((r) => r.name);
      expect(watched.sort(), `${table}: a new column must be watched, or named here as an autosave's own`).toEqual(columns.filter((c) => !left.includes(c)).sort());
    }
  });

  const revisions = async (id: string) => {
    const row = await env.DB.prepare(`SELECT content_rev AS round, (SELECT rev FROM content_revisions WHERE scope = 'people') AS people FROM rounds WHERE id = ?`).bind(id).first<{ round: number; people: number }>();
    return row!;
  };

  it('a write reaching the round through a parent row bumps that round only', async () => {
    const { id } = await aBusyRound({ invitees: 6, opinions: 10 });
    const other = await aBusyRound({ invitees: 6, opinions: 10 });
    const before = await revisions(id);
    const otherBefore = await revisions(other.id);
    await run(`INSERT INTO opinion_history (id, opinion_id, from_disposition, to_disposition, from_reply, to_reply, from_assignee, to_assignee, created_at) VALUES (?1 || '-h', ?1 || '-o000001', 'pending', 'adopted', '', '采纳', '', '', 0)`, id);
    expect((await revisions(id)).round).toBeGreaterThan(before.round);
    expect(await revisions(other.id)).toEqual(otherBefore);
  });

  it('a person’s change bumps the one people revision, not every round; a session or a comment being typed bumps nothing', async () => {
    const { id } = await aBusyRound({ invitees: 6, opinions: 10 });
    const before = await revisions(id);
    await run(`UPDATE stakeholders SET organization = '新单位' WHERE id = ?1 || '-s00002'`, id);
    const after = await revisions(id);
    expect(after.round).toBe(before.round);
    expect(after.people).toBe(before.people + 1);
    await run(`UPDATE sessions SET last_seen_at = last_seen_at + 1`);
    await run(`INSERT INTO draft_opinions (response_id, slot, text, updated_at, revision) VALUES (?1 || '-r00003', 'whole', '还在写', 0, 1)`, id);
    expect(await revisions(id)).toEqual(after);
  });
});
