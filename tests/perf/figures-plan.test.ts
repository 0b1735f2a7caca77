import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

/** SQLite's plan for a statement, one line per step. */
async function planOf(statement: string, ...params: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${statement}`).bind(...params).all<{ detail: string }>();
  return results.map((row) => row.detail);
}

describe('the figures’ heard-invitee check', () => {
  // The check runs once per invitee (2,000 in a district round): walking the round's 12,000 opinions each time took
  // 8 s on the reference data, a seek on (round, stakeholder) 0.03 s.
  it('finds an invitee’s opinions in a round by one index seek on both columns, not by walking the round', async () => {
    const plan = await planOf('SELECT 1 FROM opinions o WHERE o.stakeholder_id = ? AND o.round_id = ?', 'S', 'R');
    expect(plan.join('\n')).toMatch(/USING (COVERING )?INDEX opinions_round_stakeholder_idx \((round_id=\? AND stakeholder_id=\?|stakeholder_id=\? AND round_id=\?)\)/);
  });
});
