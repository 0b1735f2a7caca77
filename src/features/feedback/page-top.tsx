/**
 * The top of a feedback page (personal and open link): who asks, until when (weekday, Beijing time, days left), whom
 * to call; and the draft's tools: its length, open all sections, print, download in Word.
 */
import { formatCount, type Translator } from '../../lib/i18n';
import type { PageContext } from '../../ui/layout';
import { WeChatDownloadHint } from '../../ui/wechat';
import type { Office } from '../settings/office';
import { daysLeftText, deadlineText } from './deadline';
import type { SectionRow } from './sections';
import type { FeedbackLink } from './service';

type RoundInfo = FeedbackLink['round'];

/** What the top needs besides the round: the office (from /settings/office) and the time it is now. */
export type PageTop = { office: Office; now: Date };

export type Contact = { name: string; phone: string; address: string };

/** The round's own contact when it names one, else the office's (a round made before the office was set up). */
export function contactOf(round: Pick<RoundInfo, 'contactName' | 'contactPhone' | 'contactAddress'>, office: Office): Contact {
  if (round.contactName || round.contactPhone || round.contactAddress) return { name: round.contactName, phone: round.contactPhone, address: round.contactAddress };
  return { name: office.contactName, phone: office.contactPhone, address: office.address };
}

/** A number a phone can dial: digits, a leading +, nothing else (extensions and spaces dropped). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function PhoneLink({ t, phone }: { t: Translator; phone: string }) {
  return (
    <a href={telHref(phone)} class="fb-tel" aria-label={t('feedback.top.callContact', { phone })}>
      {phone}
    </a>
  );
}

export function RoundFacts({ page, round, top }: { page: PageContext; round: RoundInfo; top: PageTop }) {
  const { t, locale } = page;
  const contact = contactOf(round, top.office);
  return (
    <dl class="facts fb-facts fb-top">
      {top.office.officeName ? [<dt>{t('feedback.top.office')}</dt>, <dd>{top.office.officeName}</dd>] : null}
      <dt>{t('feedback.round.deadline')}</dt>
      <dd>
        {deadlineText(t, locale, round.closesAt)} <strong class="fb-days-left">{daysLeftText(t, round.closesAt, top.now)}</strong>
      </dd>
      {contact.name || contact.phone
        ? [
            <dt>{t('feedback.top.contact')}</dt>,
            <dd>
              {contact.name} {contact.phone ? <PhoneLink t={t} phone={contact.phone} /> : null}
            </dd>,
          ]
        : null}
      {round.purpose ? [<dt>{t('feedback.round.purpose')}</dt>, <dd>{round.purpose}</dd>] : null}
    </dl>
  );
}

/** Characters a reader reads: headings and bodies without their white space. */
export function draftCharacters(sections: readonly Pick<SectionRow, 'number' | 'heading' | 'body'>[]): number {
  return sections.reduce((sum, s) => sum + [...`${s.number}${s.heading}${s.body}`.replace(/\s+/g, '')].length, 0);
}

/**
 * The draft's length and tools. "Open all" is a link that works without scripts (the page comes back with every
 * section open); feedback.js opens them in place instead, keeping what was typed. Printing needs the script, and
 * WeChat's browser cannot print or download: there the hint says how to reach the system browser.
 */
export function DraftTools({ page, sections, downloadHref, expandAllHref, foldable }: { page: PageContext; sections: readonly SectionRow[]; downloadHref: string; expandAllHref: string; foldable: boolean }) {
  const { t, locale } = page;
  const chars = formatCount(draftCharacters(sections), locale);
  return (
    <div class="fb-tools" role="group" aria-label={t('feedback.draft.tools')}>
      <p class="fb-tools__size">{t('feedback.draft.size', { sections: sections.length, chars })}</p>
      <div class="fb-tools__actions">
        {foldable ? (
          <a class="button button--quiet" href={expandAllHref} data-expand-all data-collapse-label={t('feedback.draft.collapseAll')}>
            {t('feedback.draft.expandAll')}
          </a>
        ) : null}
        {page.inWeChat ? null : (
          <button type="button" class="button button--quiet" data-print hidden>
            {t('feedback.draft.print')}
          </button>
        )}
        <a class="button button--quiet" href={downloadHref} download>
          {t('feedback.draft.download')}
        </a>
      </div>
      <WeChatDownloadHint t={t} inWeChat={page.inWeChat} />
    </div>
  );
}
