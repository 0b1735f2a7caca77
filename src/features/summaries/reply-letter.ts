/**
 * The reply letter (答复) as a Word draft, laid out like the office's replies (see the seed document): title, handling
 * result, addressee, what was done (talks, the round and its written responses, breakfast meetings), the handling of
 * the opinions by section, and the contact block. Staff finish it in Word or WPS.
 */
import { Document, Packer, Paragraph } from 'docx';
import { STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDate, shanghaiDateStamp } from '../../lib/time';
import type { InviteeRow } from '../rounds/board';
import { A4_PAGE, BODY_FONT, LEVEL1_FONT, official, officialFooter, officialTitle, SIZE } from './docx-parts';
import { referenceNumber, type Office } from '../settings/office';
import { figuresSentence } from './figure-items';
import type { HandlingResult } from './handling-result';
import { chineseNumber, monthDay } from './letter-text';
import type { HeldMeeting, Summary, SummaryOpinion } from './service';
import { authorLabel, sectionLabel } from './table';

export type ReplyLetterInput = { summary: Summary; invitees: InviteeRow[]; meetings: HeldMeeting[]; result: HandlingResult; now: Date; office: Office };

const TALK_CHANNELS = ['phone', 'in_person'] as const;
type TalkChannel = (typeof TALK_CHANNELS)[number];
const isTalk = (o: SummaryOpinion): o is SummaryOpinion & { channel: TalkChannel } => (TALK_CHANNELS as readonly string[]).includes(o.channel);

/** One line per conversation: several opinions heard from one person on one day by one channel are one talk. */
function talks(t: Translator, locale: Locale, opinions: SummaryOpinion[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const o of [...opinions].filter(isTalk).sort((a, b) => a.heardAt.getTime() - b.heardAt.getTime())) {
    const date = monthDay(o.heardAt, locale);
    const who = authorLabel(o);
    const key = `${date}|${who}|${o.channel}`;
    if (!who || seen.has(key)) continue;
    seen.add(key);
    lines.push(t(`summaries.letter.talk.${o.channel}`, { date, who }));
  }
  return lines;
}

function addressee(t: Translator, invitees: InviteeRow[]): string {
  const proposers = invitees.filter((i) => i.category === 'proposer' && !i.erased && !i.revoked).map((i) => i.name);
  return proposers.length ? t('summaries.letter.addresseeProposers', { names: proposers.join('、') }) : t('summaries.letter.addresseeGeneric');
}

export function replyLetterParagraphs(t: Translator, locale: Locale, input: ReplyLetterInput): Paragraph[] {
  const { summary, invitees, meetings, result, now, office } = input;
  const reference = referenceNumber(office, Number(shanghaiDateStamp(now).slice(0, 4)));
  const { round } = summary;
  const d = summary.figures.dispositions;
  const categories = STAKEHOLDER_CATEGORIES.filter((c) => summary.figures.byCategory[c]).map((c) => t(`category.${c}`));
  const talkLines = talks(t, locale, summary.opinions);
  const meetingLines = meetings
    .filter((m): m is HeldMeeting & { startsAt: Date } => m.startsAt !== null)
    .map((m) => t('summaries.letter.meeting', { date: monthDay(m.startsAt, locale), number: locale === 'zh-CN' ? chineseNumber(m.number) : m.number }));
  const paragraphs: Paragraph[] = [
    ...(reference ? [official(reference, { align: 'right', indent: false })] : []),
    officialTitle(t('summaries.letter.title', { title: round.title })),
    official(t('summaries.letter.result', { result: t(`summaries.result.${result}`) }), { indent: false }),
    official(addressee(t, invitees), { indent: false }),
    official(t('summaries.letter.opening', { title: round.title })),
    official(t('summaries.letter.part1'), { font: LEVEL1_FONT }),
  ];
  if (talkLines.length) paragraphs.push(official(talkLines.join(locale === 'zh-CN' ? '，' : '; ') + t('summaries.letter.talksEnd')));
  paragraphs.push(
    official(
      t('summaries.letter.round', {
        date: monthDay(round.opensAt, locale),
        audience: categories.length ? categories.join('、') : t('summaries.letter.roundAudienceFallback'),
      }) + figuresSentence(t, summary.figures),
    ),
  );
  if (meetingLines.length) paragraphs.push(official(meetingLines.join(locale === 'zh-CN' ? '，' : '; ') + t('summaries.letter.meetingsEnd')));
  paragraphs.push(
    official(t('summaries.letter.opinions', { total: summary.figures.opinions.total, adopted: d.adopted, partly: d.partly_adopted, not: d.not_adopted, noted: d.noted, pending: d.pending })),
    official(t('summaries.letter.part2'), { font: LEVEL1_FONT }),
  );
  for (const section of summary.sections.filter((s) => s.opinions > 0)) {
    const label = section.id ? sectionLabel(t, { sectionId: section.id, sectionNumber: section.number, sectionHeading: section.heading }) : t('summaries.section.whole');
    paragraphs.push(
      official(t('summaries.letter.sectionLine', { section: label, total: section.opinions, adopted: section.dispositions.adopted, partly: section.dispositions.partly_adopted })),
    );
  }
  paragraphs.push(
    official(t('summaries.letter.part3'), { font: LEVEL1_FONT }),
    official(t('summaries.letter.todo')),
    official(''),
    official(office.officeName || t('summaries.letter.office'), { align: 'right', indent: false }),
    official(formatDate(now, locale), { align: 'right', indent: false }),
    official(''),
    // The round's own contact first: the person who ran it answers questions about it.
    official(t('summaries.letter.contactName', { value: round.contactName || office.contactName }), { indent: false }),
    official(t('summaries.letter.contactPhone', { value: round.contactPhone || office.contactPhone }), { indent: false }),
    official(t('summaries.letter.contactAddress', { value: round.contactAddress || office.address }), { indent: false }),
    ...(office.postcode ? [official(t('summaries.letter.postcode', { value: office.postcode }), { indent: false })] : []),
  );
  return paragraphs;
}

export async function replyLetterDocx(t: Translator, locale: Locale, input: ReplyLetterInput): Promise<ArrayBuffer> {
  const doc = new Document({
    creator: 'Roundtable',
    title: t('summaries.letter.title', { title: input.summary.round.title }),
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.letter } } } },
    sections: [{ properties: { page: A4_PAGE }, footers: { default: officialFooter() }, children: replyLetterParagraphs(t, locale, input) }],
  });
  return Packer.toArrayBuffer(doc);
}
