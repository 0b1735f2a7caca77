/**
 * The diff of a draft between two versions, unit by unit, as staff and the published page show it: each changed
 * unit named by its label, its edits as <ins>/<del> with visually hidden words so a screen reader says which is which.
 */
import type { Translator } from '../../lib/i18n';
import { sectionDisplayName } from './section-name';
import { diffText, type DiffPart } from './text-diff';
import type { DiffEntry } from './versions';

export function DiffText({ t, parts }: { t: Translator; parts: DiffPart[] }) {
  return (
    <p class="diff-text pre-line">
      {parts.map((part) =>
        part.kind === 'same' ? (
          part.text
        ) : part.kind === 'ins' ? (
          <ins>
            <span class="visually-hidden">{t('rounds.diff.inserted')}</span>
            {part.text}
          </ins>
        ) : (
          <del>
            <span class="visually-hidden">{t('rounds.diff.deleted')}</span>
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}

export type DiffUnit = Pick<DiffEntry, 'label' | 'heading' | 'change' | 'before' | 'after'>;

/** One changed unit: its label and heading (the new ones, or the old ones when removed), the kind, the edits. */
export function DiffUnitView({ t, entry, headingTag = 'h3', children }: { t: Translator; entry: DiffUnit; headingTag?: 'h3' | 'h4'; children?: unknown }) {
  const Heading = headingTag;
  return (
    <article class={`diff-unit diff-unit--${entry.change}`}>
      <Heading class="diff-unit__label">
        {sectionDisplayName(t, { number: entry.label, heading: entry.heading })} <span class="badge">{t(`rounds.diff.change.${entry.change}`)}</span>
      </Heading>
      <DiffText t={t} parts={diffText(entry.before, entry.after)} />
      {children}
    </article>
  );
}

/** Every changed unit between two versions; unchanged ones are only counted. */
export function VersionDiff({ t, entries }: { t: Translator; entries: DiffUnit[] }) {
  const changed = entries.filter((e) => e.change !== 'unchanged');
  const unchanged = entries.length - changed.length;
  return (
    <div class="version-diff">
      {changed.length === 0 ? <p>{t('rounds.versions.noChanges')}</p> : changed.map((entry) => <DiffUnitView t={t} entry={entry} />)}
      {changed.length > 0 && unchanged > 0 ? <p class="muted">{t('rounds.versions.unchangedCount', { count: unchanged })}</p> : null}
    </div>
  );
}
