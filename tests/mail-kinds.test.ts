import { describe, expect, it } from 'vitest';
import { createTranslator } from '../src/lib/i18n';
import { kindLabel } from '../src/features/mail/views';
import { FEEDBACK_COPY_KIND } from '../src/features/feedback/confirmation';
import { FEEDBACK_DECLINED_KIND } from '../src/features/feedback/decline';
import { MAILING_KIND } from '../src/features/publication/service';
import { SUMMARY_MAIL_KIND } from '../src/features/summaries/mailing';
import { ERASURE_COMPLETED_KIND, ERASURE_RECEIVED_KIND } from '../src/features/stakeholders/erasure-mail';
import type { MeetingMailKind } from '../src/features/meetings/mail';

const MEETING_KINDS: Record<MeetingMailKind, true> = {
  meeting_invitation: true,
  meeting_update: true,
  meeting_cancel: true,
  meeting_reminder: true,
  meeting_waitlist_promoted: true,
  meeting_rsvp: true,
  meeting_revoked: true,
};
const KINDS = ['sign_in', 'invitation', 'reminder', FEEDBACK_COPY_KIND, FEEDBACK_DECLINED_KIND, MAILING_KIND, SUMMARY_MAIL_KIND, ERASURE_RECEIVED_KIND, ERASURE_COMPLETED_KIND, ...Object.keys(MEETING_KINDS)];

describe('mail kinds on the 邮件 page', () => {
  it('every kind the app sends is shown translated, never as its code (meeting_update, feedback_copy)', () => {
    const zh = createTranslator('zh-CN');
    const en = createTranslator('en');
    for (const kind of KINDS) {
      expect(kindLabel(zh, kind), kind).not.toBe(kind);
      expect(kindLabel(zh, kind), kind).toMatch(/[\u4e00-\u9fff]/);
      expect(kindLabel(en, kind), kind).not.toMatch(/_|[\u4e00-\u9fff]/);
    }
  });
});
