/** The OpenAPI description of /api/v1, merged from each feature's own paths. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { openApiPaths as feedbackPaths } from '../feedback/openapi';
import { openApiPaths as mailPaths } from '../mail/openapi';
import { openApiPaths as opinionPaths } from '../opinions/openapi';
import { openApiPaths as roundPaths } from '../rounds/openapi';
import { openApiPaths as stakeholderPaths } from '../stakeholders/openapi';
import { openApiPaths as settingsPaths } from '../settings/openapi';
import { openApiPaths as summaryPaths } from '../summaries/openapi';
import { openApiPaths as meetingPaths } from '../meetings/openapi';
import { openApiPaths as inboundPaths } from '../inbound/openapi';

export const apiDocsRoutes = new Hono<AppEnv>();

const featurePaths: Record<string, unknown>[] = [settingsPaths, stakeholderPaths, roundPaths, feedbackPaths, mailPaths, opinionPaths, summaryPaths, meetingPaths, inboundPaths];

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Roundtable API',
      version: '1',
      description:
        'Stakeholder consultation and breakfast meetings. Authenticate with the session cookie or a personal API token ' +
        '(`Authorization: Bearer rt_…`, created under Settings). Errors are `{"error":{"code","message","fields"}}`.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token from Settings.' },
        session: { type: 'apiKey', in: 'cookie', name: '__Host-rt_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: Object.assign({}, ...featurePaths),
  };
}

apiDocsRoutes.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(c.get('deps').config.appUrl)));
