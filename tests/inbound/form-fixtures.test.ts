/**
 * Filled 意见反馈表 as Word, WPS 文字, Excel and WPS 表格 save them (tests/fixtures/forms/, written by make-forms.mjs
 * after those programs' XML): read back into the same rows, placed against the round's sections, imported by staff.
 */
import { describe, expect, it } from 'vitest';
import { invitations } from '../../src/db/schema';
import { placeRows } from '../../src/features/inbound/place-rows';
import { readFilledForm, type FilledRow } from '../../src/features/inbound/read-form';
import { invitationReference } from '../../src/features/inbound/reference';
import { bearerFor, request, testDeps } from '../helpers';
import { aRound, aStakeholder } from '../feedback/factories';
import wordDocx from '../fixtures/forms/word-filled.docx?inline';
import wpsDocx from '../fixtures/forms/wps-filled.docx?inline';
import excelXlsx from '../fixtures/forms/excel-filled.xlsx?inline';
import wpsXlsx from '../fixtures/forms/wps-filled.xlsx?inline';

/** The invitation whose reference the fixtures carry (make-forms.mjs REFERENCE): fixed id, fixed token. */
const FIXTURE_INVITATION = { id: '01JG6ZQ4V8M2K7T3N9P5R1W0XC', tokenHash: '71a7a948d1da71d52bd7d6c3b2527ad16cf56bfbf8adbb16d824199e9e184d23' };
const FIXTURE_REFERENCE = 'rt1-01jg6zq4v8m2k7t3n9p5r1w0xc-4a4049cf30b18393fe55';

const FIXTURES = ['word-filled.docx', 'wps-filled.docx', 'excel-filled.xlsx', 'wps-filled.xlsx'] as const;

const DATA_URLS: Record<(typeof FIXTURES)[number], string> = { 'word-filled.docx': wordDocx, 'wps-filled.docx': wpsDocx, 'excel-filled.xlsx': excelXlsx, 'wps-filled.xlsx': wpsXlsx };

/** The file's bytes: Vite inlines a binary fixture as a base64 data URL. */
async function fixture(name: (typeof FIXTURES)[number]): Promise<Uint8Array> {
  const base64 = DATA_URLS[name].slice(DATA_URLS[name].indexOf(',') + 1);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

const filled = (rows: FilledRow[]) => rows.filter((r) => r.opinion || r.reason);

describe('filled 意见反馈表 as office programs save them', () => {
  it('the fixtures carry the reference of the fixture invitation (signed with the tests’ secret)', async () => {
    expect(await invitationReference(testDeps(), FIXTURE_INVITATION)).toBe(FIXTURE_REFERENCE);
  });

  it('Word: w14 paragraph ids, proofing marks, an emoji as mc:AlternateContent, a text box with its VML copy read once', async () => {
    const form = readFilledForm(await fixture('word-filled.docx'))!;
    expect(form).toMatchObject({ format: 'docx', reference: FIXTURE_REFERENCE });
    expect(filled(form.rows)).toEqual([
      { label: '三 建设原则', opinion: '建议增加“绿色低碳”的表述。', reason: '与全区“双碳”工作衔接。👍' },
      { label: '五（一）1 助力重点产业创新', opinion: '建议：\n一是把“专精特新”企业纳入支持范围；\n二是明确申报条件。', reason: '便于企业对照申报' },
      { label: '整体意见', opinion: '总体同意。另见附页说明。', reason: '' },
    ]);
  });

  it('WPS 文字: runs split at every font change, its own namespaces, a retyped header (章节 / 条款, 理　由)', async () => {
    const form = readFilledForm(await fixture('wps-filled.docx'))!;
    expect(form).toMatchObject({ format: 'docx', reference: FIXTURE_REFERENCE });
    expect(filled(form.rows)).toEqual([
      { label: '三 建设原则', opinion: '建议增加“绿色低碳（碳达峰、碳中和）”的表述。', reason: '与全区“双碳”工作衔接。' },
      { label: '五（一）1 助力重点产业创新', opinion: '建议：\n一是把“专精特新”企业纳入支持范围；\n二是明确申报条件。', reason: '便于企业对照申报' },
      { label: '整体意见', opinion: '总体同意。', reason: '' },
    ]);
  });

  it('Excel: shared strings with rich-text runs and phonetic properties, the reference in a hidden sheet', async () => {
    const form = readFilledForm(await fixture('excel-filled.xlsx'))!;
    expect(form).toMatchObject({ format: 'xlsx', reference: FIXTURE_REFERENCE });
    expect(filled(form.rows)).toEqual([
      { label: '三 建设原则', opinion: '建议增加“绿色低碳”的表述。', reason: '与全区“双碳”工作衔接。' },
      { label: '五（一）1 助力重点产业创新', opinion: '建议：\n一是把“专精特新”企业纳入支持范围；\n二是明确申报条件。', reason: '便于企业对照申报' },
      { label: '整体意见', opinion: '总体同意。', reason: '' },
    ]);
  });

  it('WPS 表格: inline strings for what was typed, a number typed as a number', async () => {
    const form = readFilledForm(await fixture('wps-filled.xlsx'))!;
    expect(form).toMatchObject({ format: 'xlsx', reference: FIXTURE_REFERENCE });
    expect(filled(form.rows)).toEqual([
      { label: '三 建设原则', opinion: '建议增加“绿色低碳”的表述。', reason: '与全区“双碳”工作衔接。' },
      { label: '五（一）1 助力重点产业创新', opinion: '建议：\n一是把“专精特新”企业纳入支持范围；\n二是明确申报条件。', reason: '2026' },
      { label: '整体意见', opinion: '总体同意。', reason: '' },
    ]);
  });

  it.each(FIXTURES)('%s is placed against the round’s sections and imported by staff as a pending item', async (name) => {
    const round = await aRound();
    const person = await aStakeholder({ name: '钱立群' });
    const deps = testDeps();
    // The fixture invitation, once per test file's database.
    await deps.db
      .insert(invitations)
      .values({ ...FIXTURE_INVITATION, roundId: round.id, stakeholderId: person.id, invitedAt: deps.clock() })
      .onConflictDoUpdate({ target: invitations.id, set: { roundId: round.id, stakeholderId: person.id } });
    const bytes = await fixture(name);
    const placement = placeRows(round.sections, readFilledForm(bytes)!.rows);
    expect(placement.found.map((o) => o.sectionId)).toEqual([round.section('三').id, round.section('五（一）1').id, null]);
    expect(placement.unplaced).toEqual([]);

    const { authorization } = await bearerFor('organizer');
    const body = new FormData();
    body.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
    const res = await request(`/api/v1/rounds/${round.id}/responses/import`, { method: 'POST', body, headers: { authorization } });
    expect(res.status).toBe(201);
    const item = (await res.json()) as { status: string; stakeholderId: string; opinions: { sectionId: string | null; text: string }[] };
    expect(item).toMatchObject({ status: 'pending', stakeholderId: person.id });
    expect(item.opinions.find((o) => o.sectionId === round.section('三').id)!.text).toMatch(/^建议增加“绿色低碳.*”的表述。\n理由：与全区“双碳”工作衔接。/);
  });
});
