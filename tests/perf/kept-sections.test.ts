import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { countedRequest, request } from '../helpers';
import { aRound, anInvitation } from '../feedback/factories';

const run = (sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params).run();

const UPDATE_TRIGGER = 'round_sections_sections_update';

async function pageText(path: string) {
  const res = await request(path);
  expect(res.status).toBe(200);
  return res.text();
}

/** A section with words of its own to find on the page. */
const withText = (round: { sections: { id: string; body: string }[] }) => round.sections.find((s) => s.body.length > 40)!;

/** A text no draft has, to find on the page. */
const marked = (n: number) => `经修改的第${n}款条文：街区应当设立一站式服务窗口。`;

describe("a link's sections kept in the isolate (migration 0013)", () => {
  it('are read once per revision: a change the triggers do not see stays unseen until the revision moves', async () => {
    const round = await aRound();
    const invitation = await anInvitation(round);
    const section = withText(round);
    await pageText(invitation.path);
    const { sql: triggerSql } = (await env.DB.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).bind(UPDATE_TRIGGER).first<{ sql: string }>())!;
    await run(`DROP TRIGGER ${UPDATE_TRIGGER}`);
    try {
      await run(`UPDATE round_sections SET body = ?1 WHERE id = ?2`, marked(1), section.id);
      // Kept: the link did not read the sections again (an uncounted write is invisible to it).
      const kept = await pageText(invitation.path);
      expect(kept).toContain(section.body.slice(0, 20));
      expect(kept).not.toContain(marked(1));
      await run(`UPDATE rounds SET sections_rev = sections_rev + 1 WHERE id = ?1`, round.id);
      expect(await pageText(invitation.path)).toContain(marked(1));
    } finally {
      await env.DB.exec(triggerSql.replace(/\s+/g, ' '));
    }
  });

  const changes: [string, (round: Awaited<ReturnType<typeof aRound>>) => Promise<unknown>, string, string | null][] = [
    ['a section’s text', (round) => run(`UPDATE round_sections SET body = ?1 WHERE id = ?2`, marked(2), withText(round).id), marked(2), null],
    ['a new section', (round) => run(`INSERT INTO round_sections (id, round_id, key, parent_key, depth, number, heading, body, position) VALUES (?1 || '-new', ?1, 'new', NULL, 1, '第九十九条', '新增条款', ?2, 999)`, round.id, marked(3)), marked(3), null],
    ['a section removed', (round) => run(`DELETE FROM round_sections WHERE id = ?1`, withText(round).id), '', 'section'],
  ];

  for (const [name, change, shown, gone] of changes) {
    it(`show ${name} on the next view, whichever code path wrote it`, async () => {
      const round = await aRound();
      const invitation = await anInvitation(round);
      const removed = withText(round);
      const before = await pageText(invitation.path);
      expect(before).toContain(removed.body.slice(0, 20));
      await change(round);
      const after = await pageText(invitation.path);
      if (shown) expect(after).toContain(shown);
      if (gone) expect(after).not.toContain(removed.body.slice(0, 20));
      // The API reads the same kept sections.
      const api = await countedRequest(`/api/v1/feedback/${invitation.token}`);
      expect(api.res.status).toBe(200);
      const body = JSON.stringify(await api.res.json());
      if (shown) expect(body).toContain(shown);
      if (gone) expect(body).not.toContain(removed.id);
      expect(api.trips).toBe(1);
    });
  }
});
