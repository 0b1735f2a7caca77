/** The OpenAPI description of /api/v1. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const apiDocsRoutes = new Hono<AppEnv>();
