/** The Worker's bindings (generated from wrangler.toml by `wrangler types`) plus secrets and per-request variables. */
import type { Locale, Translator } from './lib/i18n';
import type { Deps } from './lib/deps';
import type { CurrentStaff } from './features/auth/guard';
import type { AssetNames } from './ui/assets';

/** Secrets are set with `wrangler secret put` (or `.dev.vars` locally); none is required for local development. */
export type Secrets = {
  RESEND_API_KEY?: string;
  RESEND_WEBHOOK_SECRET?: string;
  /** HMAC key for signed links (unsubscribe); required outside development. */
  SESSION_SECRET?: string;
  /** Development only: the key `npm run seed:reference` builds the reference data with (see src/dev/reference/). */
  REFERENCE_SEED_SECRET?: string;
};

/** Read only when ENVIRONMENT is `test`: moves the app's clock (see lib/clock.ts). */
type TestOnly = { TEST_CLOCK_SHIFT_MS?: string };

/** `1` in bench builds and tests only: count D1 round trips per response (lib/d1-counter.ts); ignored in production. */
type BenchOnly = { COUNT_D1_QUERIES?: string };

export type Bindings = Env & Secrets & TestOnly & BenchOnly;

export type AppVariables = {
  locale: Locale;
  t: Translator;
  deps: Deps;
  requestId: string;
  staff: CurrentStaff | null;
  /** How the staff member was authenticated: a browser session or a personal API token. */
  authMethod: 'session' | 'token' | null;
  /** Set once `staff` and `authMethod` are known (features/auth/sessions.ts loadStaff, or a middleware before it). */
  staffLoaded?: true;
  /** The revisions a kept page is current at, read in the session's batch (ui/page-cache.ts). */
  pageRevisions?: { round: number | null; activity: number; people: number };
  /** The hashed stylesheet and script that pages link (see ui/assets.ts). */
  assets: AssetNames;
};

export type AppEnv = { Bindings: Bindings; Variables: AppVariables };
