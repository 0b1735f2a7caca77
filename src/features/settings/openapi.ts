/** OpenAPI 3.1 description of the settings feature's API routes. */
import { errorResponse } from '../../lib/openapi';

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/me': {
    get: {
      summary: 'The signed-in staff member',
      description: 'Who the session cookie or the personal API token (Authorization: Bearer rt_…) belongs to.',
      operationId: 'getMe',
      tags: ['staff'],
      responses: {
        '200': {
          description: 'The staff member behind the credentials.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'email', 'name', 'role'],
                properties: {
                  id: { type: 'string' },
                  email: { type: 'string', format: 'email' },
                  name: { type: 'string' },
                  role: { type: 'string', enum: ['admin', 'organizer', 'viewer'] },
                },
                additionalProperties: false,
              },
            },
          },
        },
        '401': errorResponse('No valid session cookie or API token.'),
      },
    },
  },
};
