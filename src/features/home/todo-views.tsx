/** The "what needs doing" panel of the staff home page: counts with links to where each thing is done. */
import { formatDateTime } from '../../lib/time';
import type { PageContext } from '../../ui/layout';
import { meetingLabel } from '../meetings/mail';
import { responseRate, type HomeTodo } from './todo';

export function TodoPanel({ page, todo }: { page: PageContext; todo: HomeTodo }) {
  const { t, locale } = page;
  const meeting = todo.nextMeeting;
  return (
    <section class="panel" aria-labelledby="home-todo-heading">
      <h2 id="home-todo-heading">{t('home.todo.title')}</h2>
      <h3>{t('home.todo.openRounds')}</h3>
      {todo.openRounds.length ? (
        <ul>
          {todo.openRounds.map((r) => (
            <li>
              <a href={`/rounds/${r.id}`}>{t('home.todo.round', { title: r.title, rate: responseRate(r), responded: r.responded, invited: r.invited, days: r.daysLeft })}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('home.todo.openRounds.none')}</p>
      )}
      <h3>{t('home.todo.pendingOpinions')}</h3>
      {todo.pendingOpinions.length ? (
        <ul>
          {todo.pendingOpinions.map((o) => (
            <li>
              <a href={`/rounds/${o.roundId}/triage`}>{t('home.todo.pendingOpinions.round', { title: o.title, count: o.pending })}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('home.todo.pendingOpinions.none')}</p>
      )}
      <h3>{t('home.todo.nextMeeting')}</h3>
      {meeting ? (
        <p>
          <a href={`/meetings/${meeting.id}`}>{meetingLabel(t, meeting)}</a> · {formatDateTime(meeting.startsAt, locale)}
          <br />
          {t('home.todo.nextMeeting.counts', { seated: meeting.seated, waitlist: meeting.waitlist, noAnswer: meeting.noAnswer })}
        </p>
      ) : (
        <p class="muted">{t('home.todo.nextMeeting.none')}</p>
      )}
      {todo.failedMail ? (
        <p>
          <a href="/mail?status=failed">{t('home.todo.failedMail', { count: todo.failedMail })}</a>
        </p>
      ) : (
        <p class="muted">{t('home.todo.failedMail.none')}</p>
      )}
    </section>
  );
}
