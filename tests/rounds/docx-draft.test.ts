import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToDraftText, DOCX_PART_MAX_MB, DOCX_TOTAL_MAX_MB } from '../../src/features/rounds/docx-draft';
import { splitDraft } from '../../src/features/rounds/split-draft';
import { shanghaiLocal, daysFromNow, BASE_URL, request, signedInAs } from '../helpers';

const MB = 1024 * 1024;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CENTRAL_FILE_HEADER = 0x02014b50;

/** A .docx-shaped zip whose document.xml is `xml` padded with `padBytes` spaces: tiny deflated, huge inflated. */
function aPaddedDocx(padBytes: number, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const paragraph = strToU8('<w:document><w:body><w:p><w:r><w:t>一、总则</w:t></w:r></w:p>');
  const padded = new Uint8Array(paragraph.length + padBytes + 30);
  padded.set(paragraph);
  padded.fill(0x20, paragraph.length, paragraph.length + padBytes);
  padded.set(strToU8('</w:body></w:document>'), paragraph.length + padBytes);
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': padded, ...extra }, { level: 9 });
}

/** Rewrites every central-directory entry's declared inflated size, as a forged archive would. */
function withDeclaredSizes(zip: Uint8Array, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  for (let at = 0; at + 46 <= copy.length; at++) if (view.getUint32(at, true) === CENTRAL_FILE_HEADER) view.setUint32(at + 24, size, true);
  return copy;
}

async function aWordDraft(paragraphs: Paragraph[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children: paragraphs }] })));
}

describe('drafts uploaded as Word documents', () => {
  it('reads headings and paragraphs in order, so the draft splits as the pasted text would', async () => {
    const bytes = await aWordDraft([
      new Paragraph({ text: '三年行动方案（征求意见稿）', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: '一、建设基础', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ children: [new TextRun('划定硅巷四至范围，'), new TextRun('梳理科创基础 & 优势。')] }),
      new Paragraph({ text: '五、专项行动', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: '（一）科创企业吸引集聚专项行动', heading: HeadingLevel.HEADING_2 }),
      // No heading style: the Chinese numbering alone makes it a heading.
      new Paragraph({ text: '1. 助力重点产业创新' }),
      new Paragraph({ text: '服务招商引资，聚焦人工智能等重点产业。' }),
    ]);
    const read = docxToDraftText(bytes);
    if (!read.ok) throw new Error(read.error);
    const text = read.value;
    expect(text).toContain('# 一、建设基础');
    expect(text).toContain('划定硅巷四至范围，梳理科创基础 & 优势。');
    const { sections } = splitDraft(text);
    expect(sections.map((s) => s.number)).toEqual(expect.arrayContaining(['一', '五', '五（一）', '五（一）1']));
    expect(sections.find((s) => s.number === '五（一）1')!.body).toBe('服务招商引资，聚焦人工智能等重点产业。');
  });

  it('answers not_docx for bytes that are not a Word document', () => {
    expect(docxToDraftText(new TextEncoder().encode('一、不是 Word 文件'))).toEqual({ ok: false, error: 'not_docx' });
  });
});

describe('Word drafts that inflate beyond the limits (zip bombs)', () => {
  it('refuses a document.xml declared larger than the per-part limit before inflating anything', () => {
    const bomb = withDeclaredSizes(aPaddedDocx(1000), 1024 * MB);
    expect(docxToDraftText(bomb)).toEqual({ ok: false, error: 'too_large' });
  });

  it('refuses a file whose parts together are declared larger than the total limit', () => {
    const parts = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`word/media/image${i}.bin`, new Uint8Array(0)]));
    const zip = aPaddedDocx(10, parts);
    // Each part declares just under the per-part limit: only their sum is too much.
    const forged = withDeclaredSizes(zip, DOCX_PART_MAX_MB * MB - 1);
    expect(5 * (DOCX_PART_MAX_MB * MB - 1)).toBeGreaterThan(DOCX_TOTAL_MAX_MB * MB);
    expect(docxToDraftText(forged)).toEqual({ ok: false, error: 'too_large' });
  });

  it('stops inflating a document.xml that lies about its size once it passes the limit', () => {
    const liar = withDeclaredSizes(aPaddedDocx(DOCX_PART_MAX_MB * MB + MB), 1000);
    expect(liar.length).toBeLessThan(200_000);
    expect(docxToDraftText(liar)).toEqual({ ok: false, error: 'too_large' });
  });

  it('still reads a padded document within the limits', () => {
    const read = docxToDraftText(aPaddedDocx(2 * MB));
    expect(read).toEqual({ ok: true, value: '一、总则' });
  });

  it('the round form refuses the bomb with a message stating the limits in MB, keeping the title typed', async () => {
    const { cookie } = await signedInAs('organizer');
    const body = new FormData();
    const title = `炸弹-${crypto.randomUUID().slice(0, 6)}`;
    const fields = { title, draft: '', opensAt: shanghaiLocal(daysFromNow(1, '09:00')), closesAt: shanghaiLocal(daysFromNow(40, '17:00')), intent: 'save' };
    for (const [key, value] of Object.entries(fields)) body.append(key, value);
    body.append('draftFile', new File([withDeclaredSizes(aPaddedDocx(DOCX_PART_MAX_MB * MB + MB), 1000)], '方案.docx', { type: DOCX_TYPE }));
    const res = await request('/rounds', { method: 'POST', body, headers: { cookie, origin: BASE_URL } });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`正文部分解压后不能超过 ${DOCX_PART_MAX_MB} MB`);
    expect(html).toContain(`整个文件解压后不能超过 ${DOCX_TOTAL_MAX_MB} MB`);
    expect(html).toContain(`value="${title}"`);
  });
});
