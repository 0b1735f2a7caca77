/** Staff pages of a round's versions: list and diff any two (viewers), revise the draft into a new version (organizers). */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import type { FieldErrors } from '../../lib/result';
import { validate } from '../../lib/validation';
import { hasRole, requireRole } from '../auth/guard';
import { pageContext } from '../../ui/page';
import { readDraftFile } from './draft-upload';
import { describeError } from './errors';
import { one, parseForm } from './form-data';
import { reviseDraftSchema } from './schemas';
import { loadRound, type RoundWithSections } from './service';
import { VersionPage } from './version-page';
import { diffVersions, listVersions, reviseDraft } from './versions';

export const versionRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

/** `?a=&b=` when both name versions; else the latest version against the one before it. */
function comparedPair(c: C, count: number): { a: number; b: number } | null {
  const [a, b] = [Number(c.req.query('a')), Number(c.req.query('b'))];
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= count;
  if (valid(a) && valid(b)) return { a, b };
  return count >= 2 ? { a: count - 1, b: count } : null;
}

async function showVersions(c: C, round: RoundWithSections, form: { draft: string; errors?: FieldErrors; flash?: string | null }, status: 200 | 422 = 200) {
  const deps = c.get('deps');
  const versions = await listVersions(deps, round);
  const pair = comparedPair(c, versions.length);
  const diff = pair ? await diffVersions(deps, round, pair.a, pair.b) : null;
  const compared = pair && diff?.ok ? { ...pair, entries: diff.value } : null;
  const canRevise = hasRole(c.get('staff'), 'organizer');
  return c.html(<VersionPage page={pageContext(c)} round={round} versions={versions} compared={compared} canRevise={canRevise} draft={form.draft} errors={form.errors} flash={form.flash} />, status);
}

versionRoutes.get('/rounds/:id/versions', requireRole('viewer'), async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return c.notFound();
  const revised = Number(c.req.query('revised'));
  return showVersions(c, round, { draft: '', flash: Number.isInteger(revised) && revised > 1 ? c.get('t')('rounds.versions.revised', { number: revised }) : null });
});

versionRoutes.post('/rounds/:id/versions', requireRole('organizer'), async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return c.notFound();
  const form = await parseForm(c);
  const file = await readDraftFile(c, form.draftFile);
  const draft = file && 'text' in file ? file.text : one(form.draft);
  if (file && 'error' in file) return showVersions(c, round, { draft, errors: { draftFile: file.error } }, 422);
  const input = validate(reviseDraftSchema, { draft }, c.get('locale'));
  if (!input.ok) return showVersions(c, round, { draft, errors: input.fields }, 422);
  const revised = await reviseDraft(deps, c.get('staff'), round.id, input.value);
  if (!revised.ok) return showVersions(c, round, { draft, errors: describeError(c.get('t'), revised.error).fields ?? { draft: describeError(c.get('t'), revised.error).message } }, 422);
  const number = revised.value.version.number;
  return c.redirect(`/rounds/${round.id}/versions?${new URLSearchParams({ a: String(number - 1), b: String(number), revised: String(number) })}`, 303);
});
