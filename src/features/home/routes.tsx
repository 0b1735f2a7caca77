/** The start page: staff see their dashboard (with what is due, such as erasure requests), everyone else the sign-in page. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { Layout } from '../../ui/layout';
import { pageContext } from '../../ui/page';
import { listOpenErasureRequests } from '../stakeholders/erasure-requests';
import { ErasureHomeBlock } from '../stakeholders/erasure-views';
import { homeTodo } from './todo';
import { TodoPanel } from './todo-views';

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get('/', async (c) => {
  if (!c.get('staff')) return c.redirect('/auth/sign-in', 303);
  const page = pageContext(c);
  const deps = c.get('deps');
  const [erasureRequests, todo] = await Promise.all([listOpenErasureRequests(deps), homeTodo(deps)]);
  return c.html(
    <Layout page={page} title={page.t('nav.home')} nav="home">
      <h1>{page.t('app.tagline')}</h1>
      <ul class="card-list">
        <li>
          <a href="/stakeholders">{page.t('nav.stakeholders')}</a>
        </li>
        <li>
          <a href="/rounds">{page.t('nav.rounds')}</a>
        </li>
        <li>
          <a href="/meetings">{page.t('nav.meetings')}</a>
        </li>
        <li>
          <a href="/mail">{page.t('nav.mail')}</a>
        </li>
      </ul>
      <TodoPanel page={page} todo={todo} />
      <ErasureHomeBlock page={page} requests={erasureRequests} now={deps.clock()} />
    </Layout>,
  );
});
