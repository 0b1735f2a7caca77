import { describe, expect, it } from 'vitest';
import { meetings } from '../../src/db/schema';
import { request, signedInAs, testDeps } from '../helpers';
import { unzipSync } from 'fflate';
import type { DispositionCounts } from '../../src/features/summaries/figures';
import { suggestedResult } from '../../src/features/summaries/handling-result';
import { aHandCountedRound, unzip } from './factories';

async function aMeeting(roundId: string, series: string, number: number, startsAt: string, status: 'scheduled' | 'held' | 'cancelled' = 'held') {
  const deps = testDeps();
  const now = deps.clock();
  await deps.db.insert(meetings).values({ id: deps.newId(), series, number, title: `上海硅巷第${number}期早餐会`, startsAt: new Date(startsAt), capacity: 20, roundId, status, createdAt: now, updatedAt: now });
}

async function letterXml(path: string, fileName = /^上海硅巷三年行动方案-答复稿-\d{4}-\d{2}-\d{2}\.docx$/) {
  const { cookie } = await signedInAs('viewer');
  const res = await request(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(fileName);
  return unzip(await res.arrayBuffer())['word/document.xml']!;
}

const textOf = (xml: string) => xml.replace(/<[^>]+>/g, '');

describe('the reply letter (答复)', () => {
  it('drafts the usual layout to all units: title, a result that does not claim adoption, talks, the round, meetings, contact block', async () => {
    const { id } = await aHandCountedRound();
    const series = `硅巷-${crypto.randomUUID()}`;
    await aMeeting(id, series, 1, '2026-03-25T00:00:00Z');
    await aMeeting(id, series, 2, '2026-04-15T00:00:00Z');
    await aMeeting(id, series, 3, '2026-04-18T00:00:00Z', 'cancelled');
    const xml = await letterXml(`/rounds/${id}/reply-letter.docx`);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      '关于“上海硅巷三年行动方案”的答复',
      '办理结果：列入计划拟解决',
      '各有关单位：',
      '各单位提出的关于“上海硅巷三年行动方案”的意见收悉',
      '3月21日，与区审计局 薛斌进行了电话沟通，3月22日，与区商务委 赵敏进行了当面沟通',
      '3月17日，面向政协委员/提案人、街道、委办局、企业征求意见。共邀请征求对象6个，已反馈5个，反馈率83.3%；',
      '3月25日，召开第一期早餐会，4月15日，召开第二期早餐会',
      '共收到意见7条，其中采纳2条，部分采纳1条，未采纳1条，留作参考1条，尚在办理2条。',
      '联系人姓名：谢佼',
      '联系电话：52388354',
      '承办单位通讯地址：安西路35号501',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('第三期早餐会');
    expect(text).not.toContain('办理结果：解决或采纳');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('takes the handling result staff chose instead of the suggestion', async () => {
    const { id } = await aHandCountedRound();
    const text = (await letterXml(`/rounds/${id}/reply-letter.docx?result=reference`)).replace(/<[^>]+>/g, '');
    expect(text).toContain('办理结果：留作参考');
  });

  it('gives each opinion and its reply section by section, grouped by disposition, instead of counts', async () => {
    const { id } = await aHandCountedRound();
    const text = textOf(await letterXml(`/rounds/${id}/reply-letter.docx`));
    const tasks = text.slice(text.indexOf('二 主要任务'), text.indexOf('专项行动'));
    expect(tasks).toMatch(/^二 主要任务部分采纳的意见（1条）：仲静云（华阳路街道）提出的第\d+号意见：增加街道参与机制答复及理由：部分采纳，街道纳入工作组未采纳的意见（1条）：王磊（新微科技集团）提出的第\d+号意见：扩大资金扶持范围答复及理由：不属于本方案范围，已转交相关部门/);
    // Decided opinions come before those still pending, and a missing reply is marked for staff to fill in.
    const whole = text.slice(text.indexOf('二、对意见的答复'), text.indexOf('总体要求', text.indexOf('二、对意见的答复')));
    expect(whole.indexOf('留作参考的意见（1条）')).toBeGreaterThan(0);
    expect(whole.indexOf('尚在办理的意见（1条）')).toBeGreaterThan(whole.indexOf('留作参考的意见（1条）'));
    expect(whole).toContain('当面提出：配套服务设施答复及理由：（请补充答复和理由）');
  });

  it('to one unit answers only its opinions, addresses the unit and suggests from its dispositions alone', async () => {
    const { id, people } = await aHandCountedRound();
    const text = textOf(await letterXml(`/rounds/${id}/reply-letter.docx?stakeholder=${people.xinwei.stakeholderId}`, /^上海硅巷三年行动方案-答复稿-\d{4}-\d{2}-\d{2}-新微科技集团\.docx$/));
    expect(text).toContain('新微科技集团：');
    expect(text).toContain('你单位提出的关于');
    expect(text).toContain('办理结果：因条件限制无法解决');
    expect(text).toContain('共收到意见1条，其中采纳0条，部分采纳0条，未采纳1条');
    expect(text).toContain('扩大资金扶持范围');
    expect(text).not.toContain('增加街道参与机制');
  });

  it('to a proposer addresses the committee member and never suggests 解决或采纳 while one opinion was only noted', async () => {
    const { id, people } = await aHandCountedRound();
    const panJin = textOf(await letterXml(`/rounds/${id}/reply-letter.docx?stakeholder=${people.panJin.stakeholderId}`, /-潘瑾\.docx$|-民盟长宁区委\.docx$/));
    expect(panJin).toContain('潘瑾委员：');
    expect(panJin).toContain('办理结果：留作参考');
    const xueBin = textOf(await letterXml(`/rounds/${id}/reply-letter.docx?stakeholder=${people.xueBin.stakeholderId}`, /\.docx$/));
    expect(xueBin).toContain('办理结果：解决或采纳');
  });

  it('answers 404 for a stakeholder who does not exist rather than a letter to nobody', async () => {
    const { id } = await aHandCountedRound();
    const { cookie } = await signedInAs('viewer');
    expect((await request(`/rounds/${id}/reply-letter.docx?stakeholder=NOPE`, { headers: { cookie } })).status).toBe(404);
  });

  it('downloads every letter in one ZIP: one to all units and one per stakeholder with opinions', async () => {
    const { id } = await aHandCountedRound();
    const { cookie } = await signedInAs('viewer');
    const res = await request(`/rounds/${id}/reply-letters.zip`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      ['答复-各有关单位.docx', '答复-民盟长宁区委-潘瑾.docx', '答复-区审计局-薛斌.docx', '答复-华阳路街道-仲静云.docx', '答复-新微科技集团-王磊.docx', '答复-区商务委-赵敏.docx'].sort(),
    );
    const street = textOf(unzip(files['答复-华阳路街道-仲静云.docx']!.slice().buffer)['word/document.xml']!);
    expect(street).toContain('华阳路街道：');
    expect(street).toContain('增加街道参与机制');
    expect(street).not.toContain('扩大资金扶持范围');
  });

  it('is offered on the stakeholder page, per round they gave opinions in, and as a ZIP on the round page', async () => {
    const { id, people } = await aHandCountedRound();
    const { cookie } = await signedInAs('viewer');
    const page = await (await request(`/stakeholders/${people.huayang.stakeholderId}`, { headers: { cookie } })).text();
    expect(page).toContain(`/rounds/${id}/reply-letter.docx?stakeholder=${people.huayang.stakeholderId}`);
    const roundPage = await (await request(`/rounds/${id}`, { headers: { cookie } })).text();
    expect(roundPage).toContain(`/rounds/${id}/reply-letters.zip`);
  });
});

describe('the suggested handling result', () => {
  const counts = (d: Partial<DispositionCounts>): DispositionCounts => ({ pending: 0, adopted: 0, partly_adopted: 0, not_adopted: 0, noted: 0, ...d });
  it('claims 解决或采纳 only when every opinion was adopted or partly adopted', () => {
    expect(suggestedResult(counts({ adopted: 3, partly_adopted: 1 }))).toBe('adopted');
    expect(suggestedResult(counts({ adopted: 9, not_adopted: 1 }))).not.toBe('adopted');
    expect(suggestedResult(counts({ adopted: 9, noted: 1 }))).not.toBe('adopted');
  });
  it('says 列入计划拟解决 while opinions are pending, 因条件限制无法解决 when most were refused, 留作参考 for a mix', () => {
    expect(suggestedResult(counts({ adopted: 3, pending: 1 }))).toBe('planned');
    expect(suggestedResult(counts({}))).toBe('planned');
    expect(suggestedResult(counts({ not_adopted: 2, adopted: 1 }))).toBe('unable');
    expect(suggestedResult(counts({ not_adopted: 1, adopted: 1 }))).toBe('reference');
  });
});
