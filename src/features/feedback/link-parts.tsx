/** Parts of the personal-link page around the form: the sticky bar, unsent changes, declining, erasure, the contact. */
import type { Translator } from '../../lib/i18n';
import type { Office } from '../settings/office';
import { contactOf, PhoneLink } from './page-top';
import type { FeedbackLink } from './service';

type RoundInfo = FeedbackLink['round'];

/** Whom to ask: the round's contact, or the office's when the round names none. */
export function ContactBlock({ t, round, office }: { t: Translator; round: RoundInfo; office?: Office }) {
  const contact = office ? contactOf(round, office) : { name: round.contactName, phone: round.contactPhone, address: round.contactAddress };
  if (!contact.name && !contact.phone && !contact.address) return null;
  return (
    <section class="panel fb-contact" aria-labelledby="fb-contact-heading">
      <h2 id="fb-contact-heading">{t('feedback.contact.heading')}</h2>
      <dl class="facts fb-facts">
        {contact.name ? [<dt>{t('feedback.contact.name')}</dt>, <dd>{contact.name}</dd>] : null}
        {contact.phone ? [<dt>{t('feedback.contact.phone')}</dt>, <dd><PhoneLink t={t} phone={contact.phone} /></dd>] : null}
        {contact.address ? [<dt>{t('feedback.contact.address')}</dt>, <dd>{contact.address}</dd>] : null}
      </dl>
    </section>
  );
}

/**
 * The bar that stays at the foot of the screen while the form is in view: the autosave status (so that "saved" or
 * "offline" is seen while typing) and the save and submit buttons. feedback.js fills the status from its data-*.
 */
export function StickyBar({ t, submitted }: { t: Translator; submitted: boolean }) {
  return (
    <div class="fb-bar">
      <p
        class="fb-autosave"
        id="fb-autosave-status"
        aria-live="polite"
        data-saving={t('feedback.autosave.saving')}
        data-saved={t('feedback.autosave.saved', { time: '{time}' })}
        data-saved-pending={t(submitted ? 'feedback.autosave.savedPending' : 'feedback.autosave.saved', { time: '{time}' })}
        data-failed={t('feedback.autosave.failed')}
        data-offline={t('feedback.autosave.offline')}
        data-offline-submit={t('feedback.autosave.offlineSubmit')}
        data-back-online={t('feedback.autosave.backOnline')}
      ></p>
      <div class="button-row fb-actions">
        <button type="submit" name="action" value="save" class="button button--secondary">
          {t('feedback.action.save')}
        </button>
        <button type="submit" name="action" value="submit" class="button">
          {submitted ? t('feedback.action.resubmit') : t('feedback.action.submit')}
        </button>
      </div>
    </div>
  );
}

/** Shown on every visit while saved work differs from what staff have, with the button that sends it. */
export function PendingNotice({ t, submitted }: { t: Translator; submitted: boolean }) {
  return (
    <div class="notice notice--warning fb-pending" role="status">
      <p>
        <strong>{t('feedback.pending.heading')}</strong> {t(submitted ? 'feedback.pending.afterSubmit' : 'feedback.pending.notSubmitted')}
      </p>
      <button type="submit" form="fb-form" name="action" value="submit" class="button">
        {submitted ? t('feedback.action.resubmit') : t('feedback.action.submit')}
      </button>
    </div>
  );
}

/** The words the autosave script needs to show a conflict it meets while typing. */
export function conflictData(t: Translator) {
  return {
    'data-conflict-heading': t('feedback.conflict.heading'),
    'data-conflict-explain': t('feedback.conflict.explain'),
    'data-conflict-saved': t('feedback.conflict.saved'),
    'data-conflict-saved-empty': t('feedback.conflict.savedEmpty'),
    'data-keep-mine': t('feedback.conflict.keepMine'),
    'data-keep-saved': t('feedback.conflict.keepSaved'),
  };
}

export function EraseRequest({ t, token }: { t: Translator; token: string }) {
  return (
    <section class="panel fb-secondary" aria-labelledby="fb-erase-heading">
      <h2 id="fb-erase-heading">{t('feedback.erase.heading')}</h2>
      <p>{t('feedback.erase.explain')}</p>
      <p>
        <a class="button button--quiet" href={`/f/${token}/erase-request`}>
          {t('feedback.erase.button')}
        </a>
      </p>
    </section>
  );
}

export function DeclineForm({ t, token, error, email }: { t: Translator; token: string; error?: string; email: string | null }) {
  return (
    <section class="panel fb-secondary" aria-labelledby="fb-decline-heading">
      <h2 id="fb-decline-heading">{t('feedback.decline.heading')}</h2>
      <p>{t('feedback.decline.explain')}</p>
      {email ? <p class="muted">{t('feedback.decline.mailed')}</p> : null}
      <form method="post" action={`/f/${token}/decline`}>
        <div class={error ? 'field field--checkbox field--error' : 'field field--checkbox'}>
          {error ? (
            <p class="field__error" id="confirm-error">
              {error}
            </p>
          ) : null}
          <input id="confirm" name="confirm" type="checkbox" value="1" required aria-describedby={error ? 'confirm-error' : undefined} />
          <label for="confirm">{t('feedback.decline.confirm')}</label>
        </div>
        <button type="submit" class="button button--secondary">
          {t('feedback.decline.button')}
        </button>
      </form>
    </section>
  );
}
