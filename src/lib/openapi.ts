/** Building blocks of the OpenAPI 3.1 description that every feature's `openapi.ts` shares. */

/** The error body every API route answers with: `{"error":{"code","message","fields"}}`. */
export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string', description: 'Localized (zh-CN, or English by Accept-Language).' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field name → what is wrong with it.' },
      },
    },
  },
} as const;

/** `{ content: { 'application/json': { schema } } }`, to spread into a response or a request body. */
export function json(schema: unknown) {
  return { content: { 'application/json': { schema } } };
}

export function errorResponse(description: string) {
  return { description, ...json(errorSchema) };
}

export function jsonResponse(description: string, schema: Record<string, unknown>) {
  return { description, content: { 'application/json': { schema } } };
}

export const dateTime = { type: 'string', format: 'date-time' } as const;

export function nullable(schema: Record<string, unknown>) {
  return { oneOf: [schema, { type: 'null' }] };
}
