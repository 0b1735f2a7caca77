/** OpenAPI 3.1 path items of the feedback API (merged into /api/v1/openapi.json). */
import { PUBLICATION_CHOICES, RESPONSE_STATUSES, STANCES } from '../../db/schema';
import { OPINION_MAX_CHARS, OPINIONS_PER_REQUEST_MAX, OVERALL_MAX_CHARS } from './schemas';
import { errorSchema, json } from '../../lib/openapi';

const stance = { enum: [...STANCES], description: '同意 agree · 基本同意 mostly_agree · 有修改意见 amend · 不同意 disagree' };
const publication = { enum: [...PUBLICATION_CHOICES], description: 'How the comments may be attributed when published.' };

/** One comment: the text being edited beside what staff have. */
const slotProperties = {
  text: { type: 'string', description: 'The text being edited (saved, perhaps not submitted).' },
  revision: { type: 'integer', minimum: 0, description: 'Raised by every save of this comment; send it back with the next save.' },
  submitted: { type: 'string', description: 'The text staff have (last submitted); empty if none.' },
  pending: { type: ['string', 'null'], description: 'The text not yet submitted when it differs from `submitted` (empty: removal pending); null when none.' },
};
const slot = { type: 'object', required: ['text', 'revision', 'submitted', 'pending'], properties: slotProperties };
const pendingChanges = { type: 'boolean', description: 'Saved changes differ from what was submitted: staff do not have them until the next submit.' };

const feedback = {
  type: 'object',
  required: ['round', 'sections', 'pendingChanges', 'response'],
  properties: {
    pendingChanges,
    round: {
      type: 'object',
      required: ['id', 'title', 'purpose', 'status', 'opensAt', 'closesAt', 'contact'],
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        purpose: { type: 'string' },
        status: { enum: ['draft', 'open', 'closed'], description: '`closed` as soon as closesAt has passed.' },
        opensAt: { type: 'string', format: 'date-time' },
        closesAt: { type: 'string', format: 'date-time' },
        contact: {
          type: 'object',
          required: ['name', 'phone', 'address'],
          properties: { name: { type: 'string' }, phone: { type: 'string' }, address: { type: 'string' } },
        },
      },
    },
    sections: {
      type: 'array',
      description: 'The draft in reading order.',
      items: {
        type: 'object',
        required: ['id', 'number', 'heading', 'body', 'depth', 'parentId'],
        properties: {
          id: { type: 'string' },
          number: { type: 'string', examples: ['五（二）1'] },
          heading: { type: 'string' },
          body: { type: 'string' },
          depth: { type: 'integer', minimum: 0, description: '0 for a preamble, 1 for chapters.' },
          parentId: { type: ['string', 'null'] },
        },
      },
    },
    response: {
      description: 'What this stakeholder has given so far (work in progress included); null before the first save.',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['status', 'stance', 'publication', 'overall', 'opinions', 'whole', 'submittedAt', 'submittedStance', 'submittedPublication', 'pendingChanges', 'revision'],
          properties: {
            status: { enum: [...RESPONSE_STATUSES] },
            stance: { oneOf: [stance, { type: 'null' }], description: 'Being edited; see submittedStance for what staff have.' },
            publication,
            overall: { type: 'string', description: 'Being edited; `whole` has it with its revision and submitted text.' },
            opinions: {
              type: 'array',
              description: 'Sections with a comment being edited or submitted.',
              items: { type: 'object', required: ['sectionId', 'text', 'revision', 'submitted', 'pending'], properties: { sectionId: { type: 'string' }, ...slotProperties } },
            },
            whole: slot,
            submittedAt: { type: ['string', 'null'], format: 'date-time' },
            submittedStance: { oneOf: [stance, { type: 'null' }] },
            submittedPublication: { oneOf: [publication, { type: 'null' }] },
            pendingChanges,
            revision: { type: 'integer', description: 'Raised on every save.' },
          },
        },
      ],
    },
  },
};

const feedbackInput = {
  type: 'object',
  properties: {
    stance: { oneOf: [stance, { type: 'null' }] },
    overall: { type: 'string', maxLength: OVERALL_MAX_CHARS, description: 'The comment on the whole draft; omitted: unchanged.' },
    overallRevision: { type: 'integer', minimum: 0, description: 'The `whole.revision` the overall text is based on.' },
    opinions: {
      type: 'array',
      maxItems: OPINIONS_PER_REQUEST_MAX,
      description: 'Comments by section; sections not listed keep what they have, an empty text clears one.',
      items: {
        type: 'object',
        required: ['sectionId', 'text'],
        properties: {
          sectionId: { type: 'string' },
          text: { type: 'string', maxLength: OPINION_MAX_CHARS },
          revision: { type: 'integer', minimum: 0, description: 'The revision this text is based on (from GET); a stale one answers 409 `conflict`.' },
        },
      },
    },
    publication,
    submit: { type: 'boolean', default: false, description: 'true: submit (opinions are recorded and a copy is emailed); false: save only.' },
  },
};


const conflict = {
  type: 'object',
  required: ['sectionId', 'text', 'revision', 'yours'],
  properties: {
    sectionId: { type: ['string', 'null'], description: 'null for the overall comment.' },
    text: { type: 'string', description: 'The text saved now.' },
    revision: { type: 'integer', description: 'Its revision: send it to keep your text instead.' },
    yours: { type: 'string', description: 'The text refused.' },
  },
};

const tokenParam = { name: 'token', in: 'path', required: true, description: 'The token of the personal link `/f/<token>`.', schema: { type: 'string' } };
const notFound = { description: 'Unknown or revoked token (`not_found`)', ...json(errorSchema) };

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/feedback/{token}': {
    parameters: [tokenParam],
    get: {
      summary: 'A stakeholder’s round, its sections and what they have given',
      description: 'The personal link token is the credential: no session or API token. Marks the invitation opened.',
      security: [],
      responses: { 200: { description: 'The feedback', ...json(feedback) }, 404: notFound },
    },
    put: {
      summary: 'Save or submit a stakeholder’s feedback',
      description:
        'Saves the listed changes; with `submit: true` also records them as opinions (resubmitting updates, never duplicates) ' +
        'and emails the stakeholder a copy. Editable until the round closes. Saved changes are pending (`pendingChanges`) until ' +
        'submitted: staff see only submitted text. Send each comment\'s `revision` so that a stale save is refused, never silently lost.',
      security: [],
      requestBody: { required: true, ...json(feedbackInput) },
      responses: {
        200: { description: 'The feedback after the change', ...json(feedback) },
        400: { description: 'Body is not JSON (`invalid_json`)', ...json(errorSchema) },
        404: notFound,
        409: {
          description:
            'The round is closed (`round_closed`) or not open yet (`round_not_open`), or a comment changed since the revision sent (`conflict`: ' +
            '`current` is the saved text and revision, `conflicts` every such comment with `yours`); nothing changed',
          ...json({
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: {
                  code: { type: 'string' },
                  message: { type: 'string' },
                  current: conflict,
                  conflicts: { type: 'array', items: conflict },
                },
              },
            },
          }),
        },
        422: {
          description: 'Too long or invalid (`invalid_input`), an unknown section (`unknown_section`, named in the message and fields), or a submit with no comment and no stance (`empty`)',
          ...json(errorSchema),
        },
      },
    },
  },
};
