/**
 * Staff pages of the inbound feature: a round's inbound items, uploading a filled 意见反馈表, confirming an item, the
 * 随邀请附上意见反馈表 choice; the inbox of all open items with a search; an item's files and original message from R2.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { pageContext } from '../../ui/page';
import { hasRole, requireRole } from '../auth/guard';
import { cleanFilename } from '../feedback/attachments';
import { uploadedFile } from './api';
import { FORM_MAX_MB } from './form-file';
import { importFilledForm, type ImportError } from './import-form';
import { confirmItem, findItem, listItems, OPEN_STATUSES, roundExists } from './items';
import { attachmentDisposition } from '../../lib/csv';
import { InboxPage } from './inbox-views';
import { inboundSearchSchema } from './search';

/** The newest open items on the inbox page; older ones are found by searching. */
const INBOX_PAGE_SIZE = 200;
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

inboundRoutes.get('/inbound', viewer, async (c) => {
  const q = c.req.query('q') ?? '';
  const search = validate(inboundSearchSchema, { q }, c.get('locale'));
  const page = (items: Awaited<ReturnType<typeof listItems>>, errors?: Record<string, string>) =>
    c.html(<InboxPage page={pageContext(c)} items={items} q={q} canChange={hasRole(c.get('staff'), 'organizer')} errors={errors} />, errors ? 422 : 200);
  if (!search.ok) return page([], search.fields);
  return page(await listItems(c.get('deps'), { statuses: OPEN_STATUSES, q: search.value.q || undefined, limit: INBOX_PAGE_SIZE }));
});

/** The bytes of an item's file from R2, always as a download: a mailed HTML file must not run on our origin. */
async function download(c: Context<AppEnv>, key: string | null, filename: string, contentType: string) {
  const object = key ? await c.env.ATTACHMENTS.get(key) : null;
  if (!object) return c.notFound();
  return c.body(object.body, 200, {
    'content-type': contentType || 'application/octet-stream',
    'content-disposition': attachmentDisposition(filename, 'attachment'),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
}

inboundRoutes.get('/inbound/:itemId/files/:n', viewer, async (c) => {
  const item = await findItem(c.get('deps'), c.req.param('itemId'));
  const file = item?.files[Number(c.req.param('n'))];
  if (!item || !file) return c.notFound();
  // An uploaded 意见反馈表 is kept under the item's own key.
  return download(c, file.r2Key ?? (item.source === 'upload' ? item.r2Key : null), file.filename, file.contentType);
});

inboundRoutes.get('/inbound/:itemId/original.eml', viewer, async (c) => {
  const item = await findItem(c.get('deps'), c.req.param('itemId'));
  if (!item || item.source !== 'email') return c.notFound();
  return download(c, item.r2Key, `${item.id}.eml`, 'message/rfc822');
});
