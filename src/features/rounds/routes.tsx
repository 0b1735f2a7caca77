/** HTTP routes of consultation rounds (staff side): the pages, and the JSON API mounted from api.ts. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { roundApiRoutes } from './api';

export const roundRoutes = new Hono<AppEnv>();

roundRoutes.route('/', roundApiRoutes);
