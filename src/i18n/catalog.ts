/** The message catalog: one zh-CN table and one English table, merged from each feature's messages. */
import * as common from './common';
import * as auth from '../features/auth/messages';
import * as stakeholders from '../features/stakeholders/messages';
import * as mail from '../features/mail/messages';
import * as unsubscribe from '../features/unsubscribe/messages';
import * as webhooks from '../features/webhooks/messages';
import * as settings from '../features/settings/messages';
import * as rounds from '../features/rounds/messages';
import * as feedback from '../features/feedback/messages';
import * as openLink from '../features/feedback/open-messages';
import * as feedbackTop from '../features/feedback/top-messages';
import * as summaries from '../features/summaries/messages';
import * as meetings from '../features/meetings/messages';
import * as opinions from '../features/opinions/messages';
import * as publication from '../features/publication/messages';
import * as home from '../features/home/messages';
import * as inbound from '../features/inbound/messages';

const zh = { ...common.zh, ...auth.zh, ...stakeholders.zh, ...mail.zh, ...unsubscribe.zh, ...webhooks.zh, ...settings.zh, ...rounds.zh, ...feedback.zh, ...feedbackTop.zh, ...openLink.zh, ...summaries.zh, ...meetings.zh, ...opinions.zh, ...publication.zh, ...home.zh, ...inbound.zh };
export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = { ...common.en, ...auth.en, ...stakeholders.en, ...mail.en, ...unsubscribe.en, ...webhooks.en, ...settings.en, ...rounds.en, ...feedback.en, ...feedbackTop.en, ...openLink.en, ...summaries.en, ...meetings.en, ...opinions.en, ...publication.en, ...home.en, ...inbound.en };

export const catalog: Record<'zh-CN' | 'en', Record<MessageKey, string>> = { 'zh-CN': zh, en };
