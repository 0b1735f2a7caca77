/** Round summaries: the page, downloads, JSON and the summary email. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const summaryRoutes = new Hono<AppEnv>();
