/** HTTP routes of the stakeholders feature. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const stakeholderRoutes = new Hono<AppEnv>();
