/**
 * A busy round written in a few SQL statements: `invitees` invited stakeholders (every third one answered online)
 * and `opinions` opinions spread over the three sections and the whole draft, channels and dispositions, with
 * assignees on some. Known arithmetic lets tests compare what pages show with the truth in SQL.
 */
import type { Deps } from '../../src/lib/deps';
import { testDeps } from '../helpers';
import { aRound } from '../summaries/factories';

export const CATEGORY_CYCLE = ['proposer', 'street', 'department', 'enterprise'] as const;
export const CHANNEL_CYCLE = ['link', 'phone', 'meeting'] as const;
export const DISPOSITION_CYCLE = ['pending', 'adopted', 'partly_adopted', 'not_adopted', 'noted'] as const;

export async function aBusyRound(options: { invitees: number; opinions: number; status?: 'open' | 'closed' }, deps: Deps = testDeps()) {
  const round = await aRound(deps, { status: options.status ?? 'closed' });
  const { general, tasks, actions } = round.sections;
  const now = deps.clock().getTime();
  const id = round.id;
  const counter = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${Math.max(n, 1)})`;
  const categories = CATEGORY_CYCLE.map((c, i) => `WHEN ${i} THEN '${c}'`).join(' ');
  await deps.d1.batch([
    deps.d1
      .prepare(
        `${counter(options.invitees)} INSERT INTO stakeholders (id, name, organization, category, email, email_normalized, source, created_at, updated_at)
         SELECT printf('%s-s%05d', ?1, i), '委员' || i, '单位' || (i % 40), CASE i % 4 ${categories} END,
           printf('p%05d-%s@example.com', i, lower(?1)), printf('p%05d-%s@example.com', i, lower(?1)), 'manual', ?2, ?2 FROM n WHERE ?3 > 0`,
      )
      .bind(id, now, options.invitees),
    deps.d1
      .prepare(
        `${counter(options.invitees)} INSERT INTO invitations (id, round_id, stakeholder_id, token_hash, status, invited_at, opened_at)
         SELECT printf('%s-i%05d', ?1, i), ?1, printf('%s-s%05d', ?1, i), printf('hash-%s-%05d', ?1, i),
           CASE WHEN i % 3 = 0 THEN 'responded' WHEN i % 3 = 1 THEN 'opened' ELSE 'invited' END, ?2, CASE WHEN i % 3 = 2 THEN NULL ELSE ?2 END FROM n WHERE ?3 > 0`,
      )
      .bind(id, now, options.invitees),
    deps.d1
      .prepare(
        `${counter(options.invitees)} INSERT INTO responses (id, round_id, invitation_id, stakeholder_id, publication, status, submitted_at, created_at, updated_at)
         SELECT printf('%s-r%05d', ?1, i), ?1, printf('%s-i%05d', ?1, i), printf('%s-s%05d', ?1, i), 'name_and_unit', 'submitted', ?2, ?2, ?2 FROM n WHERE i % 3 = 0 AND ?3 > 0`,
      )
      .bind(id, now, options.invitees),
    deps.d1
      .prepare(
        `${counter(options.opinions)} INSERT INTO opinions (id, round_id, number, section_id, stakeholder_id, author_name, author_organization, channel, heard_at, text, disposition, reply, assignee, created_at, updated_at)
         SELECT printf('%s-o%06d', ?1, i), ?1, i, CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN ?2 WHEN 2 THEN ?3 ELSE ?4 END,
           CASE WHEN ?7 > 0 THEN printf('%s-s%05d', ?1, 1 + i % ?7) END, '', '',
           CASE i % 3 WHEN 0 THEN 'link' WHEN 1 THEN 'phone' ELSE 'meeting' END, ?5 + i * 1000,
           '第' || i || '条意见：' || substr('建议加快人才公寓建设并完善配套服务设施，明确责任部门与完成时限。', 1 + i % 7),
           CASE i % 5 WHEN 0 THEN 'pending' WHEN 1 THEN 'adopted' WHEN 2 THEN 'partly_adopted' WHEN 3 THEN 'not_adopted' ELSE 'noted' END,
           '理由' || i, CASE WHEN i % 10 = 0 THEN '王科长' WHEN i % 10 = 1 THEN '李处长' ELSE '' END, ?5, ?5
         FROM n WHERE ?6 > 0`,
      )
      .bind(id, general, tasks, actions, now, options.opinions, options.invitees),
  ]);
  return { deps, id, sections: round.sections };
}
