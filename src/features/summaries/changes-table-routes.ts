/** Downloads of a round's 修改对照表: /rounds/:id/summary/changes.xlsx and .docx. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { requireRole } from '../auth/guard';
import { loadRound } from '../rounds/service';
import { changesTableDocx } from './changes-table-docx';
import { loadChangesTable } from './changes-table';
import { changesTableXlsx } from './changes-table-xlsx';
import { downloadHeaders } from './files';

export const changesTableRoutes = new Hono<AppEnv>();

for (const kind of ['xlsx', 'docx'] as const) {
  changesTableRoutes.get(`/rounds/:id/summary/changes.${kind}`, requireRole('viewer'), async (c) => {
    const deps = c.get('deps');
    const round = await loadRound(deps, c.req.param('id'));
    if (!round) return c.notFound();
    const t = c.get('t');
    const rows = await loadChangesTable(deps, round);
    const bytes = kind === 'xlsx' ? changesTableXlsx(t, rows) : await changesTableDocx(t, round.title, rows);
    return c.body(bytes.buffer as ArrayBuffer, 200, downloadHeaders(t, 'changes', round, kind, deps.clock()));
  });
}
