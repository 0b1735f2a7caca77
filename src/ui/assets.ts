/**
 * One stylesheet and one script per page. The files under web/static stay the sources (edited by hand, served as
 * they are); pages link bundles joined from them at startup and named by their content's hash, so that a phone
 * loads two files once and keeps them for a year, and any change of a source gives new names.
 */

/** The stylesheet whose `@import`s are inlined, in place, in order (the cascade is the same as with the imports). */
const STYLESHEET_ENTRY = 'app.css';
/**
 * Every script, joined into one: each is a self-contained function that does nothing on a page without its
 * elements (a form with data-autosave, a mail-progress panel…). A new script under web/static goes in this list.
 */
export const SCRIPT_FILES = ['app.js', 'auth-verify.js', 'feedback.js', 'mail.js', 'opinions.js'] as const;

export const ASSET_PATH_PREFIX = '/assets/';
/** A hashed name never changes content: browsers and proxies may keep it for a year without asking again. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const HASH_HEX_CHARS = 16;
const IMPORT_DEPTH_MAX = 3;
const importRe = /^@import url\("\/static\/([\w.-]+\.css)"\);[ \t]*$/gm;

export type AssetNames = { css: string; js: string };
export type Asset = { path: string; body: string; contentType: string };
export type AssetBundle = { css: Asset; js: Asset };

/** What pages link when the bundles cannot be built (the sources: slower, but the page still works). */
export const SOURCE_ASSETS: AssetNames = { css: `/static/${STYLESHEET_ENTRY}`, js: '/static/app.js' };

async function readStatic(assets: Fetcher, file: string): Promise<string> {
  const res = await assets.fetch(new Request(`https://assets.invalid/static/${file}`));
  if (!res.ok) throw new Error(`static asset ${file} answered ${res.status}`);
  return res.text();
}

async function inlineImports(assets: Fetcher, file: string, depth: number): Promise<string> {
  const text = await readStatic(assets, file);
  if (depth >= IMPORT_DEPTH_MAX) return text;
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(importRe)) {
    parts.push(text.slice(last, match.index), await inlineImports(assets, match[1]!, depth + 1));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

async function contentHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, HASH_HEX_CHARS);
}

export async function buildAssetBundle(assets: Fetcher): Promise<AssetBundle> {
  const css = await inlineImports(assets, STYLESHEET_ENTRY, 0);
  const scripts = await Promise.all(SCRIPT_FILES.map((file) => readStatic(assets, file)));
  // A leading semicolon ends a script that left its last statement open.
  const js = scripts.map((text, i) => `/* ${SCRIPT_FILES[i]} */\n;${text.trim()}\n`).join('\n');
  return {
    css: { path: `${ASSET_PATH_PREFIX}app.${await contentHash(css)}.css`, body: css, contentType: 'text/css; charset=utf-8' },
    js: { path: `${ASSET_PATH_PREFIX}app.${await contentHash(js)}.js`, body: js, contentType: 'text/javascript; charset=utf-8' },
  };
}

// The sources change only with a deploy (new isolates), or under `wrangler dev`, which reloads the Worker when a
// file under web/ changes: one build per isolate serves every request, like the Intl formatters in lib/time.ts.
let built: Promise<AssetBundle> | null = null;

export function assetBundle(assets: Fetcher): Promise<AssetBundle> {
  built ??= buildAssetBundle(assets).catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}

/** The names pages link; the sources if the bundles cannot be built (logged, so that it is noticed). */
export async function assetNames(assets: Fetcher): Promise<AssetNames> {
  try {
    const bundle = await assetBundle(assets);
    return { css: bundle.css.path, js: bundle.js.path };
  } catch (error) {
    console.error('asset bundles could not be built; pages link the sources', error);
    return SOURCE_ASSETS;
  }
}
