/** On a next round's page: the earlier round's opinions under the units of this round's draft they concern, a few each. */
import type { PageContext } from '../../ui/layout';
import { DispositionBadge } from '../opinions/fields';
import { WHOLE_DRAFT } from '../opinions/triage';
import type { EarlierOpinions } from './earlier-opinions';
import { sectionOrWhole } from './section-name';
import type { SectionRow } from './service';

export function EarlierOpinionsPanel({ page, earlier, sections }: { page: PageContext; earlier: EarlierOpinions; sections: SectionRow[] }) {
  const { t } = page;
  return (
    <section class="panel" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">{t('rounds.earlier.title')}</h2>
      <p>
        {t('rounds.earlier.intro')} <a href={`/rounds/${earlier.roundId}`}>{earlier.title}</a>
      </p>
      {earlier.groups.length === 0 ? <p>{t('rounds.earlier.none')}</p> : null}
      {earlier.groups.map((group) => (
        <div class="earlier-group">
          <h3>{sectionOrWhole(t, sections.find((s) => s.id === group.sectionId) ?? null)}</h3>
          <ul class="opinion-list">
            {group.items.map((o) => (
              <li class="opinion-list__item">
                <a href={`/rounds/${earlier.roundId}/opinions/${o.id}`}>{t('rounds.earlier.number', { number: o.number })}</a> <DispositionBadge t={t} disposition={o.disposition} />
                <p class="pre-line">{o.cut ? `${o.excerpt}…` : o.excerpt}</p>
              </li>
            ))}
          </ul>
          {group.total > group.items.length ? (
            <p>
              <a href={`/rounds/${earlier.roundId}/triage?${new URLSearchParams({ section: group.earlierSectionId ?? WHOLE_DRAFT })}`}>
                {t('rounds.earlier.more', { count: group.total - group.items.length })}
              </a>
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}
