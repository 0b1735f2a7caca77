/** Form bodies as the round pages send them: single values, repeated values, files; and the notice after a redirect. */
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import type { MessageKey, Translator } from '../../lib/i18n';
import type { OfflineOpinionValues } from './opinion-views';
import type { Flash } from './round-page';
import { MIN_COMMENT_PERIOD_DAYS } from './schemas';
import { applyFixEdits } from './split-fixes';
import type { RoundFormValues } from './views';

type FormValue = string | File | (string | File)[] | undefined;
export type FormBody = Record<string, FormValue>;

export async function parseForm(c: Context<AppEnv>): Promise<FormBody> {
  return (await c.req.parseBody({ all: true })) as FormBody;
}

export function one(value: FormValue): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export function many(value: FormValue): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Tags are typed comma-separated; Chinese commas and 、 count too. */
export function splitTags(text: string): string[] {
  return text.split(/[,，、;；]/).map((tag) => tag.trim()).filter(Boolean);
}

export function roundFormValues(form: FormBody): RoundFormValues {
  return {
    title: one(form.title),
    purpose: one(form.purpose),
    draft: one(form.draft),
    opensAt: one(form.opensAt),
    closesAt: one(form.closesAt),
    contactName: one(form.contactName),
    contactPhone: one(form.contactPhone),
    contactAddress: one(form.contactAddress),
    categories: many(form.categories),
    tags: one(form.tags),
    stakeholderIds: many(form.stakeholderIds),
    fixes: applyFixEdits(many(form.fix), { add: [...many(form.addFix), ...(one(form.intent) === 'fix' && one(form.fixLine).trim() ? [`${one(form.fixLevel)}|${one(form.fixLine)}`] : [])], drop: one(form.dropFix) }),
  };
}

/** The preview's fix buttons and the fix form only re-split the draft: they never save. */
export function intentOf(form: FormBody): string {
  if (one(form.addFix) || one(form.dropFix) || one(form.intent) === 'fix') return 'preview';
  return one(form.intent) || 'save';
}

/** What the round schema reads from the form values (tags split). */
export function roundFormInput(values: RoundFormValues) {
  return { ...values, tags: splitTags(values.tags) };
}

export function opinionValues(form: FormBody): OfflineOpinionValues {
  return {
    stakeholderId: one(form.stakeholderId),
    name: one(form.name),
    organization: one(form.organization),
    category: one(form.category),
    channel: one(form.channel),
    heardAt: one(form.heardAt),
    sectionId: one(form.sectionId) || 'whole',
    text: one(form.text),
  };
}

const FLASH_KEYS: Record<string, MessageKey> = {
  created: 'rounds.flash.created',
  saved: 'rounds.flash.saved',
  opened: 'rounds.flash.opened',
  scheduled: 'rounds.flash.scheduled',
  unscheduled: 'rounds.flash.unscheduled',
  closed: 'rounds.flash.closed',
  invited: 'rounds.flash.invited',
  reminded: 'rounds.flash.reminded',
  revoked: 'rounds.flash.revoked',
  reissued: 'rounds.flash.reissued',
  opinionLogged: 'rounds.flash.opinionLogged',
  openLinkDisabled: 'rounds.flash.openLinkDisabled',
  openedInvited: 'rounds.flash.openedInvited',
  reopened: 'rounds.flash.reopened',
  createdShort: 'rounds.flash.createdShort',
  savedShort: 'rounds.flash.savedShort',
  savedShortOpen: 'rounds.flash.savedShortOpen',
};

/** Notices that warn rather than confirm: the round was saved with a period under the usual minimum. */
const WARNING_FLASHES = new Set(['createdShort', 'savedShort', 'savedShortOpen']);

/** `?done=invited&invited=3&skipped=1` after a redirect → the notice; only known keys and numeric counts. */
export function flashFrom(t: Translator, params: URLSearchParams): Flash | null {
  const done = params.get('done') ?? '';
  const key = FLASH_KEYS[done];
  if (!key) return null;
  const count = (name: string) => Number.parseInt(params.get(name) ?? '0', 10) || 0;
  const text = t(key, { invited: count('invited'), skipped: count('skipped'), sent: count('sent'), days: count('days'), min: MIN_COMMENT_PERIOD_DAYS });
  return WARNING_FLASHES.has(done) ? { text, kind: 'warning' } : { text };
}
