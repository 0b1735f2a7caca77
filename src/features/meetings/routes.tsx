/** HTTP routes of breakfast meetings (staff side). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const meetingRoutes = new Hono<AppEnv>();
