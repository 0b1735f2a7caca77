/**
 * The reply letter (答复) as a Word draft, laid out like the office's replies (see the seed document): title, handling
 * result, addressee, what was done (talks, the round and its written responses, breakfast meetings), each opinion with
 * its reply by section and disposition, and the contact block. Staff finish it in Word or WPS.
 */
import { Document, Packer, Paragraph } from 'docx';
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory } from '../../db/schema';
import type { Locale, Translator } from '../../lib/i18n';
import { shanghaiDateStamp } from '../../lib/time';
import { closingParagraphs } from './closing';
import { A4_PAGE, BODY_FONT, LEVEL1_FONT, official, officialFooter, officialTitle, SIZE } from './docx-parts';
import { referenceNumber, type Office } from '../settings/office';
import { figuresSentence } from './figure-items';
import { countDispositions, type HandlingResult } from './handling-result';
import { opinionReplyParagraphs } from './reply-letter-opinions';
import { chineseNumber, monthDay } from './letter-text';
import type { HeldMeeting, Summary, SummaryOpinion } from './service';
import { authorLabel } from './table';

export type ReplyLetterInput = { summary: Summary; addressee: LetterAddressee; meetings: HeldMeeting[]; result: HandlingResult; now: Date; office: Office };

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

/** Whom a letter answers: one stakeholder (the proposer, a department, a person) or everyone consulted. */
export type LetterAddressee =
  | { kind: 'all' }
  | { kind: 'stakeholder'; id: string; name: string; organization: string; category: StakeholderCategory };

/** Proposers are addressed as committee members, units by their name, anyone else by theirs. */
function salutation(t: Translator, a: LetterAddressee): { line: string; opening: 'all' | 'unit' | 'person' } {
  if (a.kind === 'all') return { line: t('summaries.letter.addressee.all'), opening: 'all' };
  if (a.category === 'proposer') return { line: t('summaries.letter.addressee.proposer', { name: a.name }), opening: 'person' };
  if (UNIT_CATEGORIES.includes(a.category) && a.organization) return { line: t('summaries.letter.addressee.unit', { name: a.organization }), opening: 'unit' };
  return { line: t('summaries.letter.addressee.person', { name: a.name }), opening: 'person' };
}

const UNIT_CATEGORIES: readonly StakeholderCategory[] = ['street', 'department', 'enterprise'];

/** The opinions a letter answers: the addressee's own, or all of the round's. */
export function letterOpinions(summary: Summary, addressee: LetterAddressee): SummaryOpinion[] {
  return addressee.kind === 'all' ? summary.opinions : summary.opinions.filter((o) => o.stakeholderId === addressee.id);
}

export function replyLetterParagraphs(t: Translator, locale: Locale, input: ReplyLetterInput): Paragraph[] {
  const { summary, addressee, meetings, result, now, office } = input;
  const reference = referenceNumber(office, Number(shanghaiDateStamp(now).slice(0, 4)));
  const { round } = summary;
  const opinions = letterOpinions(summary, addressee);
  const d = countDispositions(opinions);
  const greeting = salutation(t, addressee);
  const categories = STAKEHOLDER_CATEGORIES.filter((c) => summary.figures.byCategory[c]).map((c) => t(`category.${c}`));
  const talkLines = talks(t, locale, opinions);
  const meetingLines = meetings
    .filter((m): m is HeldMeeting & { startsAt: Date } => m.startsAt !== null)
    .map((m) => t('summaries.letter.meeting', { date: monthDay(m.startsAt, locale), number: locale === 'zh-CN' ? chineseNumber(m.number) : m.number }));
  const paragraphs: Paragraph[] = [
    ...(reference ? [official(reference, { align: 'right', indent: false })] : []),
    officialTitle(t('summaries.letter.title', { title: round.title })),
    official(t('summaries.letter.result', { result: t(`summaries.result.${result}`) }), { indent: false }),
    official(greeting.line, { indent: false }),
    official(t(`summaries.letter.opening.${greeting.opening}`, { title: round.title })),
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
    official(t('summaries.letter.opinions', { total: opinions.length, adopted: d.adopted, partly: d.partly_adopted, not: d.not_adopted, noted: d.noted, pending: d.pending })),
    official(t('summaries.letter.part2'), { font: LEVEL1_FONT }),
    // A letter to everyone names who said what (as they chose to be published); a personal one needs not.
    ...opinionReplyParagraphs(t, opinions, { locale, withAuthor: addressee.kind === 'all' }),
    official(t('summaries.letter.part3'), { font: LEVEL1_FONT }),
    official(t('summaries.letter.todo')),
    ...closingParagraphs(t, locale, { office, round, now }),
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
