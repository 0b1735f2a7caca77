/** The parts of a feedback form shared by the personal link and the open link: the draft with a comment per section. */
import type { Child } from 'hono/jsx';
import { PUBLICATION_CHOICES, STANCES } from '../../db/schema';
import { localeOf, type Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { keptFragments } from '../../ui/fragment-cache';
import { TextArea } from '../../ui/form';
import { BASE_FIELD_PREFIX, BLANK_SLOTS_FIELD, fieldName, KEEP_FIELD_PREFIX, REVISION_FIELD_PREFIX, type FeedbackFormValues } from './form';
import { OPINION_MAX_CHARS, OVERALL_MAX_CHARS, WHOLE_SLOT } from './schemas';
import { sectionTitle, type SectionRow } from './sections';

/** Up to this many sections a draft is shown open; longer drafts fold into their headings. */
const SECTIONS_SHOWN_OPEN_MAX = 8;

export function isFoldable(sections: readonly SectionRow[]): boolean {
  return sections.length > SECTIONS_SHOWN_OPEN_MAX;
}
const DEPTH_CLASSES_MAX = 4;

function depthClass(depth: number): string {
  return `fb-section fb-depth-${Math.min(Math.max(depth, 0), DEPTH_CLASSES_MAX)}`;
}

function SectionSummary({ section, t }: { section: SectionRow; t: Translator }) {
  return (
    <summary>
      {section.number ? <span class="fb-number">{section.number}</span> : null} {section.number ? section.heading : sectionTitle(section, t)}
    </summary>
  );
}

type DraftProps = {
  t: Translator;
  sections: readonly SectionRow[];
  values: FeedbackFormValues;
  errors?: FieldErrors;
  /** By slot: the text saved elsewhere that a refused save would have overwritten (personal link). */
  conflicts?: Record<string, string>;
  /** The draft's length and tools, under its heading. */
  tools?: Child;
  /** Every section open (the "open all" link without scripts). */
  expandAll?: boolean;
};

const draftKeys = new WeakMap<readonly SectionRow[], string>();

/**
 * What the kept parts of the draft depend on besides the language: the sections' words and nesting. Computed once per
 * sections list: a link's sections are kept in the isolate (feedback/service.ts), so the same list comes back.
 */
function draftKey(sections: readonly SectionRow[]): string {
  let key = draftKeys.get(sections);
  if (key === undefined) {
    key = JSON.stringify(sections.map((s) => [s.id, s.number, s.heading, s.body, s.depth]));
    draftKeys.set(sections, key);
  }
  return key;
}

/**
 * Each section's heading and text as the stakeholder reads them: the same for every invitee of the round, so kept
 * between views (ui/fragment-cache.ts), keyed by the sections' words and the language (`key`; null: not kept).
 */
function sectionTexts(t: Translator, sections: readonly SectionRow[], key: string | null) {
  const render = () =>
    sections.map((section) => (
      <>
        <SectionSummary section={section} t={t} />
        {section.body ? <div class="fb-body">{section.body}</div> : null}
      </>
    ));
  return key === null ? render() : keptFragments(`feedback-draft|${key}`, render);
}

/** The one hint that states every section comment's limit (a hundred fields each repeating it was 12 % of the page). */
const LIMIT_HINT_ID = 'fb-limit-hint';

type SectionProps = { t: Translator; section: SectionRow; text: Child; open: boolean; value?: string; error?: string; conflict?: string };

function SectionWithComment({ t, section, text, open, value, error, conflict }: SectionProps) {
  const name = fieldName(section.id);
  return (
    <details class={depthClass(section.depth)} open={open}>
      {text}
      {conflict !== undefined ? <ConflictChoice t={t} name={name} saved={conflict} /> : null}
      <TextArea
        name={name}
        label={t('feedback.section.label', { section: sectionTitle(section, t) })}
        hintId={LIMIT_HINT_ID}
        value={value}
        maxLength={OPINION_MAX_CHARS}
        error={error}
        rows={3}
      />
    </details>
  );
}

/**
 * Each section with an empty comment field: most sections of most pages, the same for every invitee, so kept like the
 * texts (with whether the draft folds, which decides whether they show open).
 */
function emptySections(t: Translator, sections: readonly SectionRow[], texts: Child[], open: boolean, key: string | null) {
  const render = () => sections.map((section, i) => <SectionWithComment t={t} section={section} text={texts[i]} open={open} />);
  return key === null ? render() : keptFragments(`feedback-empty|${open}|${key}`, render);
}

export function DraftWithComments({ t, sections, values, errors, conflicts, tools, expandAll }: DraftProps) {
  const long = isFoldable(sections) && !expandAll;
  const locale = localeOf(t);
  const key = locale ? `${locale}|${draftKey(sections)}` : null;
  const texts = sectionTexts(t, sections, key);
  const empty = emptySections(t, sections, texts, !long, key);
  return (
    <section class="fb-draft" id="fb-draft" aria-labelledby="fb-draft-heading">
      <h2 id="fb-draft-heading">{t('feedback.draft.heading')}</h2>
      {tools}
      {long ? <p class="muted">{t('feedback.draft.expandHint')}</p> : null}
      <p class="field__hint" id={LIMIT_HINT_ID}>
        {t('feedback.draft.limitHint', { max: OPINION_MAX_CHARS })}
      </p>
      {sections.map((section, i) => {
        const name = fieldName(section.id);
        const value = values.texts[section.id];
        const error = errors?.[name];
        const conflict = conflicts?.[section.id];
        if (!value && !error && conflict === undefined) return empty[i];
        return <SectionWithComment t={t} section={section} text={texts[i]} open={!long || Boolean(value) || Boolean(error)} value={value} error={error} conflict={conflict} />;
      })}
      <h2>{t('feedback.whole.heading')}</h2>
      {conflicts?.[WHOLE_SLOT] !== undefined ? <ConflictChoice t={t} name={WHOLE_SLOT} saved={conflicts[WHOLE_SLOT]!} /> : null}
      <TextArea
        name={WHOLE_SLOT}
        label={t('feedback.whole.label')}
        hint={t('common.charactersMax', { max: OVERALL_MAX_CHARS })}
        value={values.texts[WHOLE_SLOT]}
        maxLength={OVERALL_MAX_CHARS}
        error={errors?.[WHOLE_SLOT]}
        rows={5}
      />
    </section>
  );
}

type RadioOption = { value: string; label: string; explain?: string };

function RadioGroup(props: { id: string; legend: string; hint?: string; error?: string; options: RadioOption[]; value: string }) {
  const { id, legend, hint, error, options, value } = props;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} class={error ? 'field fb-choice field--error' : 'field fb-choice'} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((option) => (
        <div class="fb-radio">
          <input type="radio" id={`${id}-${option.value}`} name={id} value={option.value} checked={option.value === value} />
          <label for={`${id}-${option.value}`}>
            {option.label}
            {option.explain ? <span class="fb-radio__explain">{option.explain}</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Asked before the draft, each stance with what it means; it can be changed until submitting. */
export function StanceChoice({ t, value, error }: { t: Translator; value: string; error?: string }) {
  const options = STANCES.map((stance) => ({ value: stance, label: t(`feedback.stance.${stance}`), explain: t(`feedback.stance.explain.${stance}`) }));
  return <RadioGroup id="stance" legend={t('feedback.stance.legend')} hint={t('feedback.stance.hint')} error={error} options={options} value={value} />;
}

export function PublicationChoice({ t, value, error, hint }: { t: Translator; value: string; error?: string; hint: string }) {
  const options = PUBLICATION_CHOICES.map((choice) => ({ value: choice, label: t(`feedback.publication.${choice}`) }));
  return <RadioGroup id="publication" legend={t('feedback.publication.legend')} hint={hint} error={error} options={options} value={value} />;
}

/** The fingerprints and comment revisions of the values the page was rendered with (see form.ts). */
export function BaseFields({ values }: { values: FeedbackFormValues }) {
  return (
    <>
      {Object.entries(values.bases).map(([name, base]) => (
        <input type="hidden" name={BASE_FIELD_PREFIX + name} value={base} />
      ))}
      {Object.entries(values.revisions ?? {}).map(([name, revision]) => (
        <input type="hidden" name={REVISION_FIELD_PREFIX + name} value={revision} data-revision-of={name} />
      ))}
      {values.blankSlots ? <input type="hidden" name={BLANK_SLOTS_FIELD} value="1" /> : null}
    </>
  );
}

/**
 * A comment changed elsewhere (another tab or phone) since this page was loaded: the saved text beside the one just
 * typed (which stays in the field below), and the choice of which to keep. Keeping "mine" is the default.
 */
export function ConflictChoice({ t, name, saved }: { t: Translator; name: string; saved: string }) {
  const id = `${KEEP_FIELD_PREFIX}${name}`;
  return (
    <div class="fb-conflict" role="group" aria-labelledby={`${id}-heading`} data-conflict-for={name} data-saved={saved}>
      <p id={`${id}-heading`}>
        <strong>{t('feedback.conflict.heading')}</strong>
      </p>
      <p>{t('feedback.conflict.explain')}</p>
      <p class="fb-conflict__label">{t('feedback.conflict.saved')}</p>
      <p class="fb-text fb-conflict__saved">{saved || t('feedback.conflict.savedEmpty')}</p>
      <div class="fb-radio">
        <input type="radio" id={`${id}-mine`} name={id} value="mine" checked />
        <label for={`${id}-mine`}>{t('feedback.conflict.keepMine')}</label>
      </div>
      <div class="fb-radio">
        <input type="radio" id={`${id}-saved`} name={id} value="saved" />
        <label for={`${id}-saved`}>{t('feedback.conflict.keepSaved')}</label>
      </div>
    </div>
  );
}

/** What was given, for reading only: sections with a comment, then the comment on the whole. */
export function GivenComments({ t, sections, texts }: { t: Translator; sections: readonly SectionRow[]; texts: Record<string, string> }) {
  const given = sections.filter((section) => texts[section.id]);
  return (
    <div class="fb-given">
      {given.map((section) => (
        <div class="fb-given__item">
          <h3>{sectionTitle(section, t)}</h3>
          <p class="fb-text">{texts[section.id]}</p>
        </div>
      ))}
      {texts[WHOLE_SLOT] ? (
        <div class="fb-given__item">
          <h3>{t('feedback.whole.label')}</h3>
          <p class="fb-text">{texts[WHOLE_SLOT]}</p>
        </div>
      ) : null}
    </div>
  );
}
