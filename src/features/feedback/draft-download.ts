/** The draft under consultation as a Word document: its title, then every section's number, heading and text. */
import { Document, Packer, type Paragraph } from 'docx';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { attachmentDisposition } from '../../lib/csv';
import { A4_PAGE, BODY_FONT, body, heading, officialFooter, SIZE, title } from '../summaries/docx-parts';
import type { SectionRow } from './sections';
import type { FeedbackLink } from './service';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Headings get smaller with depth, down to body size. */
const HEADING_SIZES = [SIZE.heading, SIZE.heading, SIZE.body + 2, SIZE.body] as const;

type DraftRound = Pick<FeedbackLink['round'], 'title' | 'draftTitle'>;

export async function draftDocx(round: DraftRound, sections: readonly SectionRow[]): Promise<Uint8Array> {
  const children: Paragraph[] = [title(round.draftTitle || round.title)];
  for (const section of sections) {
    const label = [section.number, section.heading].filter(Boolean).join(' ');
    if (label) children.push(heading(label, HEADING_SIZES[Math.min(Math.max(section.depth, 0), HEADING_SIZES.length - 1)]));
    for (const paragraph of section.body.split(/\n\s*\n/)) if (paragraph.trim()) children.push(body(paragraph.trim(), { indent: true }));
  }
  const doc = new Document({
    creator: 'Roundtable',
    title: round.draftTitle || round.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [{ properties: { page: A4_PAGE }, footers: { default: officialFooter() }, children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

/** The download answer; never cached, like everything behind a capability link. */
export async function draftDownload(c: Context<AppEnv>, round: DraftRound, sections: readonly SectionRow[]) {
  const bytes = await draftDocx(round, sections);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': DOCX_TYPE,
    'content-disposition': attachmentDisposition(`${round.draftTitle || round.title}.docx`, 'draft.docx'),
    'cache-control': 'no-store',
  });
}
