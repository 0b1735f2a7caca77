import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { countRoundFigures } from '../../src/features/summaries/figures';
import { FIGURES_FORMAT, figuresOf, roundFigures } from '../../src/features/summaries/figures-cache';
import { createDeps } from '../../src/lib/deps';
import { aBusyRound } from '../perf/factories';

/** Deps whose D1 round trips are counted. */
const countingDeps = () => createDeps({ ...env, COUNT_D1_QUERIES: '1' });

/** The figures as the cache gives them, the D1 round trips that took, and the figures counted afresh. */
async function readAndTruth(id: string) {
  const deps = countingDeps();
  const figures = await figuresOf(deps, id);
  const trips = deps.d1Counter!.trips;
  const truth = (await countRoundFigures(deps, [id])).get(id)!;
  return { figures, trips, truth };
}

const run = (sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params).run();

describe('kept figures', () => {
  it('are counted once, then read in one round trip while nothing changes', async () => {
    const { id } = await aBusyRound({ invitees: 30, opinions: 120 });
    const first = await readAndTruth(id);
    expect(first.figures).toEqual(first.truth);
    expect(first.trips).toBe(3); // look up, count (with the revision), keep
    const second = await readAndTruth(id);
    expect(second.figures).toEqual(first.truth);
    expect(second.trips).toBe(1);
  });

  // Every kind of write the figures depend on, made in raw SQL as any code path could: the triggers must notice.
  const changes: [string, (id: string) => Promise<unknown>][] = [
    ['a new opinion', (id) => run(`INSERT INTO opinions (id, round_id, number, channel, heard_at, text, created_at, updated_at) VALUES (?1 || '-new', ?1, 100000, 'phone', 0, '新意见', 0, 0)`, id)],
    ['an opinion deleted', (id) => run(`DELETE FROM opinions WHERE id = ?1 || '-o000007'`, id)],
    ['a disposition', (id) => run(`UPDATE opinions SET disposition = 'adopted' WHERE id = ?1 || '-o000005'`, id)],
    ['an opinion moved to the whole draft', (id) => run(`UPDATE opinions SET section_id = NULL WHERE id = ?1 || '-o000006'`, id)],
    ['a link opened', (id) => run(`UPDATE invitations SET opened_at = 1, status = 'opened' WHERE id = ?1 || '-i00002'`, id)],
    ['an invitation revoked', (id) => run(`UPDATE invitations SET revoked_at = 1 WHERE id = ?1 || '-i00004'`, id)],
    ['a response withdrawn to draft', (id) => run(`UPDATE responses SET status = 'draft' WHERE id = ?1 || '-r00003'`, id)],
    ['a person’s category', (id) => run(`UPDATE stakeholders SET category = 'expert' WHERE id = ?1 || '-s00001'`, id)],
    [
      'a new invitation',
      async (id) => {
        await run(`INSERT INTO stakeholders (id, name, category, source, created_at, updated_at) VALUES (?1 || '-s-new', '新委员', 'proposer', 'manual', 0, 0)`, id);
        await run(`INSERT INTO invitations (id, round_id, stakeholder_id, token_hash, invited_at) VALUES (?1 || '-i-new', ?1, ?1 || '-s-new', ?1 || '-new', 0)`, id);
      },
    ],
  ];

  for (const [name, change] of changes) {
    it(`are counted again after ${name}, and then kept again`, async () => {
      const { id } = await aBusyRound({ invitees: 30, opinions: 120 });
      const before = await readAndTruth(id);
      await change(id);
      const after = await readAndTruth(id);
      expect(after.truth, 'the change changes the figures').not.toEqual(before.truth);
      expect(after.figures).toEqual(after.truth);
      expect(after.trips).toBe(3);
      expect((await readAndTruth(id)).trips).toBe(1);
    });
  }

  it('are not counted again for a reply, an assignee or a text edited: those change no figure', async () => {
    const { id } = await aBusyRound({ invitees: 30, opinions: 120 });
    await readAndTruth(id);
    await run(`UPDATE opinions SET reply = '已采纳', assignee = '王科长', text = '改过的文字' WHERE id = ?1 || '-o000005'`, id);
    await run(`UPDATE responses SET overall = '总体意见', revision = revision + 1 WHERE id = ?1 || '-r00003'`, id);
    const after = await readAndTruth(id);
    expect(after.trips).toBe(1);
    expect(after.figures).toEqual(after.truth);
  });

  it('kept in another shape (an older release) are counted again', async () => {
    const { id } = await aBusyRound({ invitees: 30, opinions: 120 });
    const { truth } = await readAndTruth(id);
    await run(`UPDATE round_figures SET format = ?2, figures = '{"invited":-1}' WHERE round_id = ?1`, id, FIGURES_FORMAT - 1);
    const after = await readAndTruth(id);
    expect(after.trips).toBe(3);
    expect(after.figures).toEqual(truth);
  });

  it('serve many rounds at once, kept and counted alike, with zeros for a round that does not exist', async () => {
    const rounds = [await aBusyRound({ invitees: 10, opinions: 20 }), await aBusyRound({ invitees: 12, opinions: 30 })];
    const ids = rounds.map((r) => r.id);
    await figuresOf(countingDeps(), ids[0]!);
    const deps = countingDeps();
    const figures = await roundFigures(deps, [...ids, 'no-such-round']);
    expect(figures.get(ids[0]!)).toEqual((await countRoundFigures(deps, [ids[0]!])).get(ids[0]!));
    expect(figures.get(ids[1]!)).toEqual((await countRoundFigures(deps, [ids[1]!])).get(ids[1]!));
    expect(figures.get('no-such-round')!.opinions.total).toBe(0);
  });
});
