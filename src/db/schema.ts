/** The one schema: every table of the hub. `migrations/` is generated from this file by drizzle-kit. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Timestamps are UTC milliseconds; pages show them in Asia/Shanghai. */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const STAFF_ROLES = ['admin', 'organizer', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    locale: text('locale'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    lastSignInAt: timestamp('last_sign_in_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('staff_users_email_unique').on(t.email)],
);

/** One-time sign-in links: only the SHA-256 of the token is kept. */
export const signInTokens = sqliteTable(
  'sign_in_tokens',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('sign_in_tokens_hash_unique').on(t.tokenHash)],
);

/** Staff sessions; the id is the SHA-256 of the cookie value. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId)],
);

/** Personal API tokens for scripts, sent as `Authorization: Bearer …`; only the hash is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, shown so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_staff_idx').on(t.staffId)],
);

/** Fixed-window counters for rate limits that must be exact (sign-in per address and per IP). */
export const rateLimitHits = sqliteTable(
  'rate_limit_hits',
  {
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Who changed what and when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    actorStaffId: text('actor_staff_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);

export const STAKEHOLDER_CATEGORIES = [
  'proposer',
  'street',
  'department',
  'enterprise',
  'young_entrepreneur',
  'expert',
  'other',
] as const;
export type StakeholderCategory = (typeof STAKEHOLDER_CATEGORIES)[number];

export const STAKEHOLDER_SOURCES = ['manual', 'import', 'open_link', 'offline', 'demo'] as const;
export type StakeholderSource = (typeof STAKEHOLDER_SOURCES)[number];

export const stakeholders = sqliteTable(
  'stakeholders',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    organization: text('organization').notNull().default(''),
    title: text('title').notNull().default(''),
    category: text('category', { enum: STAKEHOLDER_CATEGORIES }).notNull(),
    email: text('email'),
    /** Lower-cased email: unique, so one address is one stakeholder whatever its letter case. */
    emailNormalized: text('email_normalized'),
    phone: text('phone').notNull().default(''),
    phoneNormalized: text('phone_normalized').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /** The stakeholder agreed to be contacted by the office. */
    consent: integer('consent', { mode: 'boolean' }).notNull().default(true),
    source: text('source', { enum: STAKEHOLDER_SOURCES }).notNull(),
    /** Lower-cased name, organization, title, email, phone and tags, for search. */
    searchText: text('search_text').notNull().default(''),
    /** Set when a hard bounce or complaint makes the address unusable; later sends skip it. */
    unmailableReason: text('unmailable_reason'),
    archivedAt: timestamp('archived_at'),
    /** Personal data erased on request; the row stays so that counts and opinions keep their shape. */
    erasedAt: timestamp('erased_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('stakeholders_email_unique').on(t.emailNormalized),
    index('stakeholders_category_idx').on(t.category, t.id),
    index('stakeholders_listing_idx').on(t.erasedAt, t.archivedAt, t.id),
  ],
);

export const stakeholderTags = sqliteTable(
  'stakeholder_tags',
  {
    stakeholderId: text('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stakeholderId, t.tag] }), index('stakeholder_tags_tag_idx').on(t.tag)],
);

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string };

/** Every email is first a row here, written in the same D1 batch as the change that causes it. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /** What the mail is for: sign_in, invitation, reminder, confirmation, summary… */
    kind: text('kind').notNull(),
    /** Transactional mail (sign-in links, a copy of one's own feedback) is never suppressed. */
    transactional: integer('transactional', { mode: 'boolean' }).notNull().default(false),
    toEmail: text('to_email').notNull(),
    toName: text('to_name'),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    attachments: text('attachments', { mode: 'json' }).$type<OutboxAttachment[]>(),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    stakeholderId: text('stakeholder_id'),
    staffId: text('staff_id'),
    roundId: text('round_id'),
    meetingId: text('meeting_id'),
    createdAt: timestamp('created_at').notNull(),
    statusChangedAt: timestamp('status_changed_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [
    index('outbox_status_idx').on(t.status, t.statusChangedAt),
    index('outbox_created_idx').on(t.createdAt),
    index('outbox_provider_message_idx').on(t.providerMessageId),
  ],
);

/** Every status change of an outbox row, timestamped: the message's history. */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    outboxId: text('outbox_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    detail: text('detail'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('outbox_events_outbox_idx').on(t.outboxId, t.createdAt)],
);

/** Small key-value facts about this database (for example which demo data version is loaded). */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});
