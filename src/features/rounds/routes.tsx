/** HTTP routes of consultation rounds (staff side). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const roundRoutes = new Hono<AppEnv>();
