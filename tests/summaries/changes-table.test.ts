import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { triageItem } from '../../src/features/opinions/triage';
import { setDisposition } from '../../src/features/opinions/service';
import { reviseDraft } from '../../src/features/rounds/versions';
import { request, signedInAs, testDeps } from '../helpers';
import revised from '../fixtures/draft-measure-revised.txt?raw';
import { anOpinion } from '../opinions/factories';
import { aLegalRound } from '../rounds/legal-factories';

/** A revised round whose area change carries two opinions; returns the numbers those opinions have in the summary. */
async function aRoundWithChanges() {
  const deps = testDeps();
  const round = await aLegalRound({ status: 'closed' });
  const ids = [
    await anOpinion(round.id, { sectionId: round.section('第四条').id, text: '二千平方米门槛过高。' }),
    await anOpinion(round.id, { sectionId: round.section('第二条').id, text: '建议明确科创载体的类型。' }),
    await anOpinion(round.id, { sectionId: round.section('第四条').id, text: '建议降低面积要求。' }),
  ];
  const result = await reviseDraft(deps, null, round.id, { draft: revised });
  if (!result.ok) throw new Error(result.error);
  const area = result.value.changes.find((c) => c.kind === 'modified' && c.afterSectionId === round.section('第四条').id)!;
  for (const id of [ids[0]!, ids[2]!]) await setDisposition(deps, null, id, { disposition: 'adopted', changes: [area.id] });
  const numbers = (await Promise.all([ids[0]!, ids[2]!].map(async (id) => (await triageItem(deps, round.id, id))!.number))).sort((a, b) => a - b);
  return { round, reason: `采纳第 ${numbers.join('、')} 条意见` };
}

const download = async (path: string, cookie: string) => {
  const res = await request(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return { res, files: unzipSync(new Uint8Array(await res.arrayBuffer())) };
};

describe('the 修改对照表 (table of changes)', () => {
  it('shows each change on the summary page with the original and revised article and the opinions behind it', async () => {
    const { round, reason } = await aRoundWithChanges();
    const { cookie } = await signedInAs('viewer');
    const page = await (await request(`/rounds/${round.id}/summary`, { headers: { cookie } })).text();
    const table = page.slice(page.indexOf('id="changes-table-heading"'));
    expect(table).toContain('<th scope="col">原条文</th><th scope="col">修改后条文</th><th scope="col">修改理由</th>');
    expect(table).toContain('第四条　申请认定科创载体，应当符合下列条件：');
    expect(table).toContain('第五条　申请认定科创载体，应当符合下列条件：');
    expect(table).toContain(reason);
    expect(table).toContain('删除条文');
    expect(table).toContain(`href="/rounds/${round.id}/summary/changes.docx"`);
  });

  it('downloads the table as a workbook whose rows cite the opinion numbers', async () => {
    const { round, reason } = await aRoundWithChanges();
    const { cookie } = await signedInAs('viewer');
    const { res, files } = await download(`/rounds/${round.id}/summary/changes.xlsx`, cookie);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('修改对照表'));
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    for (const text of ['原条文', '修改后条文', '修改理由', reason, '一千五百平方米']) expect(strings).toContain(text);
  });

  it('downloads the table as a landscape Word document whose header row repeats on every page', async () => {
    const { round, reason } = await aRoundWithChanges();
    const { cookie } = await signedInAs('viewer');
    const { files } = await download(`/rounds/${round.id}/summary/changes.docx`, cookie);
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906"/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain(reason);
    expect(xml).toContain('修改理由');
  });

  it('says the draft was not revised rather than showing an empty table', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { cookie } = await signedInAs('viewer');
    const page = await (await request(`/rounds/${round.id}/summary`, { headers: { cookie } })).text();
    expect(page).toContain('征求意见稿尚未修订，暂无修改。');
    const { files } = await download(`/rounds/${round.id}/summary/changes.docx`, cookie);
    expect(strFromU8(files['word/document.xml']!)).toContain('征求意见稿尚未修订');
  });
});
