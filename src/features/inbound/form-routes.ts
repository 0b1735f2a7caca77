/** The personal 意见反馈表 behind a feedback link: `/f/<token>/form.docx` and `/f/<token>/form.xlsx`. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { attachmentDisposition } from '../../lib/csv';
import { findLink } from '../feedback/service';
import { feedbackFormDocx } from './form-docx';
import { feedbackFormModel } from './form-model';
import { feedbackFormXlsx } from './form-xlsx';
import { FORM_CONTENT_TYPES } from './form-file';

export const feedbackFormRoutes = new Hono<AppEnv>();

async function formDownload(c: Context<AppEnv>, format: 'docx' | 'xlsx') {
  const deps = c.get('deps');
  const link = await findLink(deps, c.req.param('token')!);
  if (!link) return c.notFound();
  const t = c.get('t');
  const model = await feedbackFormModel(deps, t, c.get('locale'), link);
  const bytes = format === 'docx' ? await feedbackFormDocx(model) : feedbackFormXlsx(model);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': FORM_CONTENT_TYPES[format],
    'content-disposition': attachmentDisposition(`${model.title}-${link.stakeholder.name}.${format}`, `feedback-form.${format}`),
    'cache-control': 'no-store',
  });
}

feedbackFormRoutes.get('/f/:token/form.docx', (c) => formDownload(c, 'docx'));
feedbackFormRoutes.get('/f/:token/form.xlsx', (c) => formDownload(c, 'xlsx'));
