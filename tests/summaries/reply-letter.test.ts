import { describe, expect, it } from 'vitest';
import { meetings } from '../../src/db/schema';
import { request, signedInAs, testDeps } from '../helpers';
import { aHandCountedRound, unzip } from './factories';

async function aMeeting(roundId: string, series: string, number: number, startsAt: string, status: 'scheduled' | 'held' | 'cancelled' = 'held') {
  const deps = testDeps();
  const now = deps.clock();
  await deps.db.insert(meetings).values({ id: deps.newId(), series, number, title: `上海硅巷第${number}期早餐会`, startsAt: new Date(startsAt), capacity: 20, roundId, status, createdAt: now, updatedAt: now });
}

async function letterXml(path: string) {
  const { cookie } = await signedInAs('viewer');
  const res = await request(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^上海硅巷三年行动方案-答复稿-\d{4}-\d{2}-\d{2}\.docx$/);
  return unzip(await res.arrayBuffer())['word/document.xml']!;
}

describe('the reply letter (答复)', () => {
  it('drafts the usual layout: title, suggested result, proposers addressed, talks, the round, meetings, contact block', async () => {
    const { id } = await aHandCountedRound();
    const series = `硅巷-${crypto.randomUUID()}`;
    await aMeeting(id, series, 1, '2026-03-25T00:00:00Z');
    await aMeeting(id, series, 2, '2026-04-15T00:00:00Z');
    await aMeeting(id, series, 3, '2026-04-18T00:00:00Z', 'cancelled');
    const xml = await letterXml(`/rounds/${id}/reply-letter.docx`);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      '关于“上海硅巷三年行动方案”的答复',
      '办理结果：解决或采纳',
      '潘瑾、薛斌委员：',
      '3月21日，与区审计局 薛斌进行了电话沟通，3月22日，与区商务委 赵敏进行了当面沟通',
      '3月17日，面向政协委员/提案人、街道、委办局、企业征求意见。共邀请征求对象6个，已反馈5个，反馈率83.3%；',
      '3月25日，召开第一期早餐会，4月15日，召开第二期早餐会',
      '共收到意见7条，其中采纳2条，部分采纳1条，未采纳1条，留作参考1条，尚在办理2条。',
      '二 主要任务：收到意见2条，采纳0条，部分采纳1条。',
      '联系人姓名：谢佼',
      '联系电话：52388354',
      '承办单位通讯地址：安西路35号501',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('第三期早餐会');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('takes the handling result staff chose instead of the suggestion', async () => {
    const { id } = await aHandCountedRound();
    const text = (await letterXml(`/rounds/${id}/reply-letter.docx?result=reference`)).replace(/<[^>]+>/g, '');
    expect(text).toContain('办理结果：留作参考');
  });
});
