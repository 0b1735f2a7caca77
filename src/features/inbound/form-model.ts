/**
 * What a stakeholder's 意见反馈表 holds, whatever the file format: who it is for, the hidden reference of the
 * invitation, one row per section (label and a text excerpt) plus one for the whole draft, the deadline and how
 * to send it back.
 */
import type { Translator } from '../../lib/i18n';
import type { Locale } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { FeedbackLink } from '../feedback/service';
import { sectionDisplayName } from '../rounds/section-name';
import { replyAddress } from './reply-address';
import { invitationReference } from './reference';
import type { Deps } from '../../lib/deps';

/** Enough of a section to recognise it on paper; the full text is on the feedback page. */
export const EXCERPT_MAX_CHARS = 80;

export type FormRow = { label: string; excerpt: string };
export type FeedbackFormModel = {
  reference: string;
  title: string;
  roundTitle: string;
  name: string;
  organization: string;
  deadline: string;
  returnTo: string;
  rows: FormRow[];
  headers: { label: string; excerpt: string; opinion: string; reason: string };
  fields: { name: string; organization: string; deadline: string; returnTo: string };
};

export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_MAX_CHARS ? `${flat.slice(0, EXCERPT_MAX_CHARS)}…` : flat;
}

export async function feedbackFormModel(deps: Deps, t: Translator, locale: Locale, link: FeedbackLink): Promise<FeedbackFormModel> {
  const reference = await invitationReference(deps, link.invitation);
  const address = replyAddress(deps, reference);
  const contact = [link.round.contactName, link.round.contactPhone].filter(Boolean).join(' ');
  const returnTo = address
    ? t('inbound.form.returnByEmail', { address, contact: contact || '-' })
    : t('inbound.form.returnToContact', { contact: contact || '-' });
  return {
    reference,
    title: t('inbound.form.title'),
    roundTitle: link.round.draftTitle || link.round.title,
    name: link.stakeholder.name,
    organization: link.stakeholder.organization,
    deadline: formatDateTime(link.round.closesAt, locale),
    returnTo,
    rows: [
      ...link.sections.map((s) => ({ label: sectionDisplayName(t, s), excerpt: excerpt(s.body) })),
      { label: t('rounds.section.whole'), excerpt: '' },
    ],
    headers: { label: t('inbound.form.col.section'), excerpt: t('inbound.form.col.excerpt'), opinion: t('inbound.form.col.opinion'), reason: t('inbound.form.col.reason') },
    fields: { name: t('inbound.form.name'), organization: t('inbound.form.organization'), deadline: t('inbound.form.deadline'), returnTo: t('inbound.form.returnTo') },
  };
}
