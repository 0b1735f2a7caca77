/** OpenAPI 3.1 path items of the stakeholder API (merged into /api/v1/openapi.json). */
import { toJsonSchema } from '@valibot/to-json-schema';
import { STAKEHOLDER_CATEGORIES, STAKEHOLDER_SOURCES } from '../../db/schema';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './import-parse';
import { BULK_ACTIONS, BULK_MAX_IDS } from './service';
import { ARCHIVED_VALUES, EMAIL_MAX, NAME_MAX, NOTES_MAX, ORGANIZATION_MAX, PHONE_MAX, Q_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX, stakeholderInputSchema } from './schemas';
import { errorSchema, json } from '../../lib/openapi';

/** The input schema has transforms (trim, tag splitting); its JSON Schema is the accepted input shape. */
const inputSchema = (() => {
  try {
    return toJsonSchema(stakeholderInputSchema, { errorMode: 'ignore' });
  } catch {
    return null;
  }
})() ?? {
  type: 'object',
  required: ['name', 'category'],
  properties: {
    name: { type: 'string', maxLength: NAME_MAX },
    organization: { type: 'string', maxLength: ORGANIZATION_MAX },
    title: { type: 'string', maxLength: TITLE_MAX },
    category: { enum: [...STAKEHOLDER_CATEGORIES] },
    email: { type: ['string', 'null'], format: 'email', maxLength: EMAIL_MAX },
    phone: { type: 'string', maxLength: PHONE_MAX },
    tags: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', maxLength: TAG_MAX }, maxItems: TAGS_MAX }] },
    notes: { type: 'string', maxLength: NOTES_MAX },
    consent: { type: 'boolean', default: true },
  },
};

const stakeholder = {
  type: 'object',
  required: ['id', 'name', 'organization', 'title', 'category', 'email', 'phone', 'tags', 'notes', 'consent', 'source', 'archived', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    organization: { type: 'string' },
    title: { type: 'string' },
    category: { enum: [...STAKEHOLDER_CATEGORIES] },
    email: { type: ['string', 'null'] },
    phone: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    notes: { type: 'string' },
    consent: { type: 'boolean' },
    source: { enum: [...STAKEHOLDER_SOURCES] },
    archived: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};


const errors = {
  401: { description: 'Not signed in', ...json(errorSchema) },
  403: { description: 'Role too low (reads: viewer, writes: organizer)', ...json(errorSchema) },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/stakeholders': {
    get: {
      summary: 'List stakeholders, newest first, 50 a page (keyset paging)',
      tags: ['stakeholders'],
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: Q_MAX }, description: 'Substring of name, organization, title, email, phone or tag' },
        { name: 'category', in: 'query', schema: { enum: [...STAKEHOLDER_CATEGORIES] } },
        { name: 'tag', in: 'query', schema: { type: 'string', maxLength: TAG_MAX } },
        { name: 'archived', in: 'query', schema: { enum: [...ARCHIVED_VALUES] }, description: '`1` or `true` lists archived stakeholders instead' },
        { name: 'cursor', in: 'query', schema: { type: 'string', pattern: '^[0-9A-Z]{26}$' }, description: '`nextCursor` of the previous page' },
      ],
      responses: {
        200: {
          description: 'A page',
          ...json({ type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: stakeholder }, nextCursor: { type: ['string', 'null'] } } }),
        },
        400: { description: 'A filter it cannot use (code `invalid_input`, `fields` names it)', ...json(errorSchema) },
        ...errors,
      },
    },
    post: {
      summary: 'Create a stakeholder',
      tags: ['stakeholders'],
      requestBody: { required: true, ...json(inputSchema) },
      responses: {
        201: { description: 'Created', ...json(stakeholder) },
        400: { description: 'Body is not JSON', ...json(errorSchema) },
        422: { description: 'Invalid fields, or the email is already used (code `email_taken`)', ...json(errorSchema) },
        ...errors,
      },
    },
  },
  '/api/v1/stakeholders/{id}': {
    get: {
      summary: 'One stakeholder',
      tags: ['stakeholders'],
      parameters: [idParam],
      responses: { 200: { description: 'The stakeholder', ...json(stakeholder) }, 404: { description: 'Unknown or erased', ...json(errorSchema) }, ...errors },
    },
    patch: {
      summary: 'Change some fields of a stakeholder (tags, when sent, replace the old ones)',
      tags: ['stakeholders'],
      parameters: [idParam],
      requestBody: { required: true, ...json({ ...inputSchema, required: [] }) },
      responses: {
        200: { description: 'The stakeholder after the change', ...json(stakeholder) },
        404: { description: 'Unknown or erased', ...json(errorSchema) },
        422: { description: 'Invalid fields or email already used', ...json(errorSchema) },
        ...errors,
      },
    },
  },
  '/api/v1/stakeholders/import': {
    post: {
      summary: `Import a CSV (UTF-8 or GBK, at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB and ${IMPORT_MAX_ROWS} rows); rows matching an email update`,
      tags: ['stakeholders'],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: { file: { type: 'string', format: 'binary' }, dryRun: { enum: ['1'], description: 'Report what would happen; write nothing' } },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'What was (or, on a dry run, would be) done; refused rows do not stop the others',
          ...json({
            type: 'object',
            required: ['created', 'updated', 'unchanged', 'errors'],
            properties: {
              created: { type: 'integer' },
              updated: { type: 'integer' },
              unchanged: { type: 'integer' },
              errors: {
                type: 'array',
                items: { type: 'object', required: ['row', 'column', 'message'], properties: { row: { type: 'integer', description: 'Spreadsheet row; the header is row 1' }, column: { type: 'string' }, message: { type: 'string' } } },
              },
            },
          }),
        },
        409: { description: 'The data changed while importing; nothing was written', ...json(errorSchema) },
        413: { description: 'File too large', ...json(errorSchema) },
        422: { description: 'No file, missing required columns, or too many rows', ...json(errorSchema) },
        ...errors,
      },
    },
  },
  '/api/v1/stakeholders/bulk': {
    post: {
      summary: `Tag, untag, archive or unarchive up to ${BULK_MAX_IDS} stakeholders at once (unknown and erased ids are skipped)`,
      tags: ['stakeholders'],
      requestBody: {
        required: true,
        ...json({
          type: 'object',
          required: ['ids', 'action'],
          properties: {
            ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: BULK_MAX_IDS },
            action: { enum: [...BULK_ACTIONS] },
            tag: { type: 'string', maxLength: TAG_MAX, description: 'One tag; required for `tag` and `untag`, ignored otherwise' },
          },
        }),
      },
      responses: {
        200: { description: 'How many stakeholders the action was applied to', ...json({ type: 'object', required: ['updated'], properties: { updated: { type: 'integer' } } }) },
        400: { description: 'Body is not JSON', ...json(errorSchema) },
        422: { description: 'Invalid `ids`, `action` or `tag` (named in `fields`); nothing changed', ...json(errorSchema) },
        ...errors,
      },
    },
  },
  '/api/v1/stakeholders/{id}/erase': {
    post: {
      summary: 'Erase a stakeholder\u2019s personal data for good (repeating it is harmless); the stakeholder then reads as 404',
      tags: ['stakeholders'],
      parameters: [idParam],
      responses: {
        200: { description: 'Erased', ...json({ type: 'object', required: ['erased'], properties: { erased: { const: true } } }) },
        404: { description: 'Unknown stakeholder', ...json(errorSchema) },
        ...errors,
      },
    },
  },
};
