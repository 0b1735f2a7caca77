/** HTTP routes of the mail feature: the staff mail page and the development mailbox. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const mailRoutes = new Hono<AppEnv>();

/** Only in development without a Resend key; elsewhere these routes answer 404. */
export const devMailRoutes = new Hono<AppEnv>();
