import { describe, expect, it } from 'vitest';
import { loadOffice } from '../src/features/settings/office';
import { postForm, request, signedInAs, testDeps, testNow } from './helpers';
import { aHandCountedRound, unzip } from './summaries/factories';

const OFFICE = {
  officeName: '长宁区科学技术协会',
  referencePrefix: '长科协',
  referencePattern: '〔{year}〕{n}号',
  address: '安西路35号501',
  postcode: '200050',
  contactName: '谢佼',
  contactPhone: '52388354',
};

describe('the issuing office (admins)', () => {
  it('is saved by an admin and refused with the reason and the typed values kept when the 文号 pattern lacks {n} or a field is too long', async () => {
    const { cookie } = await signedInAs('admin');
    const bad = await postForm('/settings/office', { ...OFFICE, officeName: '机'.repeat(61), referencePattern: '〔{year}〕号' }, { cookie });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('不能超过 60 个字符。');
    expect(html).toContain('文号格式须包含 {n}（序号的位置）。');
    expect(html).toContain('value="〔{year}〕号"');
    expect(html).toContain('value="200050"');
    expect((await loadOffice(testDeps())).officeName).not.toBe('机'.repeat(61));

    const saved = await postForm('/settings/office', OFFICE, { cookie });
    expect(saved.status).toBe(303);
    expect(await loadOffice(testDeps())).toEqual(OFFICE);
    expect(await (await request('/settings/office?done=saved', { headers: { cookie } })).text()).toContain('发文机关信息已保存。');
  });

  it('signs the reply letter in the GB/T 9704 layout: 文号, office and date at the end, postcode, "— 1 —" page numbers, fixed 22-line spacing', async () => {
    const { cookie } = await signedInAs('admin');
    expect((await postForm('/settings/office', OFFICE, { cookie })).status).toBe(303);
    const { id } = await aHandCountedRound({ contactName: '', contactPhone: '', contactAddress: '' });
    const files = unzip(await (await request(`/rounds/${id}/reply-letter.docx`, { headers: { cookie } })).arrayBuffer());
    const xml = files['word/document.xml']!;
    const text = xml.replace(/(<[^>]+>)+/g, '|');
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(testNow());
    expect(text).toContain(`|长科协〔${year}〕　　号|`);
    expect(text).toMatch(/\|长宁区科学技术协会\|\d{4}年\d{1,2}月\d{1,2}日\|/);
    for (const line of ['联系人姓名：谢佼', '联系电话：52388354', '承办单位通讯地址：安西路35号501', '邮政编码：200050']) expect(text).toContain(`|${line}|`);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
    expect(xml).not.toMatch(/w:line="\d+\.\d+"/);
    expect(xml).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
    const footer = Object.entries(files).find(([name]) => /^word\/footer\d*\.xml$/.test(name))![1];
    expect(footer.replace(/(<[^>]+>)+/g, '')).toMatch(/— .*PAGE.* —|— \d+ —/);
  });
});
