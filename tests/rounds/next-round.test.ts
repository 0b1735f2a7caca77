import { describe, expect, it } from 'vitest';
import { loadRound } from '../../src/features/rounds/service';
import { reviseDraft } from '../../src/features/rounds/versions';
import { postForm, request, signedInAs, testDeps } from '../helpers';
import revised from '../fixtures/draft-measure-revised.txt?raw';
import { anOpinion } from '../opinions/factories';
import { aLegalRound } from './legal-factories';

async function nextRoundOf(roundId: string, cookie: string) {
  const res = await postForm(`/rounds/${roundId}/copy`, {}, { cookie });
  expect(res.status).toBe(303);
  const id = /\/rounds\/([^/]+)\/edit/.exec(res.headers.get('location')!)![1]!;
  return (await loadRound(testDeps(), id))!;
}

describe('the next round after a revision', () => {
  it('starts from the latest version with the previous round’s audience', async () => {
    const round = await aLegalRound({ status: 'closed' });
    await reviseDraft(testDeps(), null, round.id, { draft: revised });
    const { cookie } = await signedInAs('organizer');
    const next = await nextRoundOf(round.id, cookie);
    expect(next.previousRoundId).toBe(round.id);
    expect(next.draftSource).toBe(revised);
    expect(next.sections.map((s) => s.number)).toContain('第十七条');
    expect(next.audience).toEqual(round.audience);
  });

  it('starts from the original draft when it was never revised', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { cookie } = await signedInAs('organizer');
    const next = await nextRoundOf(round.id, cookie);
    expect(next.sections.map((s) => s.number)).toEqual(round.sections.map((s) => s.number));
  });

  it('shows staff the earlier round’s opinions under the renumbered article they concern', async () => {
    const round = await aLegalRound({ status: 'closed' });
    await anOpinion(round.id, { sectionId: round.section('第四条').id, text: '二千平方米门槛过高，建议降低。' });
    await anOpinion(round.id, { sectionId: round.section('第九条').id, text: '房租补贴应明确标准。' });
    await reviseDraft(testDeps(), null, round.id, { draft: revised });
    const { cookie } = await signedInAs('organizer');
    const next = await nextRoundOf(round.id, cookie);

    const page = await (await request(`/rounds/${next.id}`, { headers: { cookie } })).text();
    const panel = page.slice(page.indexOf('id="earlier-heading"'));
    expect(panel).toContain('上一轮的意见');
    // Old 第四条 is 第五条 now, old 第九条 is 第十一条.
    expect(panel.indexOf('二千平方米门槛过高')).toBeGreaterThan(panel.indexOf('<h3>第五条</h3>'));
    expect(panel.indexOf('二千平方米门槛过高')).toBeLessThan(panel.indexOf('<h3>第十一条</h3>'));
    expect(panel.indexOf('房租补贴应明确标准')).toBeGreaterThan(panel.indexOf('<h3>第十一条</h3>'));
  });

  it('shows no earlier opinions on a first round', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { cookie } = await signedInAs('viewer');
    expect(await (await request(`/rounds/${round.id}`, { headers: { cookie } })).text()).not.toContain('id="earlier-heading"');
  });
});
