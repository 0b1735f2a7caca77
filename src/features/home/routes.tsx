/** The start page: staff see their dashboard, everyone else the sign-in page. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { Layout } from '../../ui/layout';
import { pageContext } from '../../ui/page';

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get('/', (c) => {
  if (!c.get('staff')) return c.redirect('/auth/sign-in', 303);
  const page = pageContext(c);
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
    </Layout>,
  );
});
