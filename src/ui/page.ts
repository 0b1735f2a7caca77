/** Builds the PageContext a view needs from the request. */
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { SOURCE_ASSETS } from './assets';
import type { PageContext } from './layout';
import { isWeChat } from './wechat';

export function pageContext(c: Context<AppEnv>): PageContext {
  const url = new URL(c.req.url);
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    staff: c.get('staff'),
    path: url.pathname + url.search,
    assets: c.get('assets') ?? SOURCE_ASSETS,
    inWeChat: isWeChat(c.req.header('user-agent')),
  };
}
