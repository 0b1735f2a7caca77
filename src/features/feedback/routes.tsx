/** HTTP routes behind a stakeholder's personal link and the open link. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const feedbackRoutes = new Hono<AppEnv>();
