/** Import pages: upload → preview (nothing written) → confirm (parsed and checked again, then applied in one batch). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { requireRole } from '../auth/guard';
import { pageContext } from '../../ui/page';
import { applyImportPlan, planImport } from './import';
import { bytesToBase64 } from '../../lib/tokens';
import { bodyTooLarge, fromBase64, readUpload, uploadFailureMessage } from './import-http';
import { IMPORT_MAX_BYTES } from './import-parse';
import { ImportFormPage, ImportPreviewPage, ImportResultPage } from './import-views';

export const importRoutes = new Hono<AppEnv>();

importRoutes.get('/stakeholders/import', requireRole('organizer'), (c) => c.html(<ImportFormPage page={pageContext(c)} />));

importRoutes.post('/stakeholders/import', requireRole('organizer'), async (c) => {
  const upload = await readUpload(c);
  if (!upload.ok) {
    const status = upload.error === 'too_large' ? 413 : 422;
    return c.html(<ImportFormPage page={pageContext(c)} error={uploadFailureMessage(c, upload.error)} />, status);
  }
  const plan = await planImport(c.get('deps'), upload.value.bytes, c.get('locale'));
  if (!plan.ok) {
    const status = plan.error === 'too_large' ? 413 : 422;
    return c.html(<ImportFormPage page={pageContext(c)} error={uploadFailureMessage(c, plan.error, plan.missing)} />, status);
  }
  return c.html(<ImportPreviewPage page={pageContext(c)} plan={plan.value} payload={bytesToBase64(upload.value.bytes)} />);
});

importRoutes.post('/stakeholders/import/confirm', requireRole('organizer'), async (c) => {
  if (bodyTooLarge(c)) return c.html(<ImportFormPage page={pageContext(c)} error={uploadFailureMessage(c, 'too_large')} />, 413);
  const form = await c.req.parseBody();
  const bytes = typeof form.payload === 'string' ? fromBase64(form.payload) : null;
  const page = pageContext(c);
  if (!bytes || bytes.byteLength === 0) return c.html(<ImportFormPage page={page} error={c.get('t')('stakeholders.import.badPayload')} />, 422);
  if (bytes.byteLength > IMPORT_MAX_BYTES) return c.html(<ImportFormPage page={page} error={uploadFailureMessage(c, 'too_large')} />, 413);
  const deps = c.get('deps');
  const plan = await planImport(deps, bytes, c.get('locale'));
  if (!plan.ok) return c.html(<ImportFormPage page={page} error={uploadFailureMessage(c, plan.error, plan.missing)} />, 422);
  const applied = await applyImportPlan(deps, c.get('staff'), plan.value);
  if (!applied.ok) return c.html(<ImportFormPage page={page} error={c.get('t')('stakeholders.import.conflict')} />, 409);
  return c.html(<ImportResultPage page={page} counts={applied.value} errors={plan.value.errors} />);
});
