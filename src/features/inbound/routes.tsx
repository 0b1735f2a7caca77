/** Staff pages of the inbound feature: a round's inbound items, uploading a filled 意见反馈表, confirming an item. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { pageContext } from '../../ui/page';
import { hasRole, requireRole } from '../auth/guard';
import { cleanFilename } from '../feedback/attachments';
import { uploadedFile } from './api';
import { FORM_MAX_MB } from './form-file';
import { importFilledForm, type ImportError } from './import-form';
import { confirmItem, listItems, roundExists } from './items';
import { RoundInboundPage } from './views';
import { validate } from '../../lib/validation';
import { feedbackFormSettingSchema, setFeedbackFormAttachment } from './form-setting';

export const inboundRoutes = new Hono<AppEnv>();

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');

async function show(c: Context<AppEnv>, roundId: string, extra: { errors?: Record<string, string>; notice?: string } = {}, status: 200 | 404 | 409 | 422 = 200) {
  const deps = c.get('deps');
  const round = await roundExists(deps, roundId);
  if (!round) return c.notFound();
  const items = await listItems(deps, { roundId, statuses: ['pending', 'unmatched'] });
  return c.html(<RoundInboundPage page={pageContext(c)} round={round} items={items} canChange={hasRole(c.get('staff'), 'organizer')} {...extra} />, status);
}

const NOTICES = { confirmed: 'inbound.page.confirmed', saved: 'inbound.setting.saved' } as const;

inboundRoutes.get('/rounds/:id/inbound', viewer, (c) => {
  const done = c.req.query('done');
  const notice = done && done in NOTICES ? c.get('t')(NOTICES[done as keyof typeof NOTICES]) : undefined;
  return show(c, c.req.param('id'), { notice });
});

inboundRoutes.post('/rounds/:id/inbound/setting', organizer, async (c) => {
  const roundId = c.req.param('id');
  const form = await c.req.parseBody();
  const input = validate(feedbackFormSettingSchema, { attach: typeof form.attach === 'string' ? form.attach : '' }, c.get('locale'));
  if (!input.ok) return show(c, roundId, { errors: input.fields }, 422);
  const saved = await setFeedbackFormAttachment(c.get('deps'), c.get('staff'), roundId, input.value.attach);
  if (!saved.ok) {
    if (saved.error === 'not_found') return c.notFound();
    return show(c, roundId, { errors: { attach: c.get('t')('inbound.setting.error.round_closed') } }, 409);
  }
  return c.redirect(`/rounds/${roundId}/inbound?done=saved`, 303);
});

inboundRoutes.post('/rounds/:id/inbound/upload', organizer, async (c) => {
  const t = c.get('t');
  const roundId = c.req.param('id');
  const file = await uploadedFile(c);
  const refuse = (code: ImportError | 'file_required') => {
    const key = code === 'not_found' ? 'error.not_found' : (`inbound.import.error.${code}` as const);
    return show(c, roundId, { errors: { file: t(key, { max: FORM_MAX_MB }) } }, code === 'not_found' ? 404 : 422);
  };
  if (!file) return refuse('file_required');
  const imported = await importFilledForm(c.get('deps'), c.get('staff'), roundId, { bytes: new Uint8Array(await file.arrayBuffer()), filename: cleanFilename(file.name), contentType: file.type }, c.env.ATTACHMENTS);
  if (!imported.ok) return refuse(imported.error);
  return c.redirect(`/rounds/${roundId}/inbound#item-${imported.value.id}`, 303);
});

inboundRoutes.post('/rounds/:id/inbound/:itemId/confirm', organizer, async (c) => {
  const roundId = c.req.param('id');
  const confirmed = await confirmItem(c.get('deps'), c.get('staff'), c.req.param('itemId'));
  if (!confirmed.ok) return show(c, roundId, { errors: { file: c.get('t')(`inbound.confirm.error.${confirmed.error}`) } }, confirmed.error === 'not_found' ? 404 : 409);
  return c.redirect(`/rounds/${roundId}/inbound?done=confirmed`, 303);
});
