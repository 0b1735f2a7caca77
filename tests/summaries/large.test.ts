import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { bearerFor, request, testDeps, testNow } from '../helpers';
import { aRound, unzip } from './factories';

const OPINIONS = 12_000;

/** 12,000 opinions in one INSERT … SELECT over a counter; every 1,000th starts with `=`. */
async function aLargeRound() {
  const deps = testDeps();
  const round = await aRound(deps);
  const { general, tasks, actions } = round.sections;
  const now = testNow().getTime();
  await deps.d1
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       INSERT INTO opinions (id, round_id, number, section_id, author_name, author_organization, channel, heard_at, text, disposition, reply, created_at, updated_at)
       SELECT printf('%s-%06d', ?2, i), ?2, i, CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN ?3 WHEN 2 THEN ?4 ELSE ?5 END,
         '委员' || i, '区商务委', CASE i % 3 WHEN 0 THEN 'link' WHEN 1 THEN 'phone' ELSE 'meeting' END, ?6 + i,
         CASE WHEN i % 1000 = 0 THEN '=SUM(A1:A9)' ELSE '第' || i || '条意见，含逗号,"引号"' || char(10) || '和换行' END,
         CASE i % 5 WHEN 0 THEN 'pending' WHEN 1 THEN 'adopted' WHEN 2 THEN 'partly_adopted' WHEN 3 THEN 'not_adopted' ELSE 'noted' END,
         '理由' || i, ?6, ?6
       FROM n`,
    )
    .bind(OPINIONS, round.id, general, tasks, actions, now)
    .run();
  return round.id;
}

describe('exports at 12,000 opinions', () => {
  it('are complete: every opinion is a row of the CSV, the XLSX and the DOCX, and the JSON counts them all', async () => {
    const id = await aLargeRound();
    const { authorization } = await bearerFor('viewer');
    const get = async (path: string) => {
      const res = await request(path, { headers: { authorization } });
      expect(res.status).toBe(200);
      return res;
    };

    const csv = new TextDecoder().decode((await (await get(`/rounds/${id}/summary.csv`)).arrayBuffer()).slice(3));
    const rows = Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows).toHaveLength(OPINIONS + 1);
    expect(new Set(rows.slice(1).map((r) => Number(r[0]))).size).toBe(OPINIONS);
    expect(rows.filter((r) => r[2] === "'=SUM(A1:A9)")).toHaveLength(OPINIONS / 1000);

    const xlsx = unzip(await (await get(`/rounds/${id}/summary.xlsx`)).arrayBuffer());
    // The title, three lines under it and the header, then one row per opinion.
    expect(xlsx['xl/worksheets/sheet1.xml']!.match(/<row /g)).toHaveLength(OPINIONS + 5);
    expect(xlsx['xl/worksheets/sheet1.xml']).not.toMatch(/<f[ >]/);

    const docx = unzip(await (await get(`/rounds/${id}/summary.docx`)).arrayBuffer())['word/document.xml']!;
    expect(docx.match(/>理由\d+</g)!.length).toBe(OPINIONS);
    expect(docx).toContain(`第${OPINIONS - 1}条意见`);

    const json = (await (await get(`/api/v1/rounds/${id}/summary`)).json()) as { opinionsTotal: number; opinions: unknown[]; dispositions: Record<string, number> };
    expect(json.opinionsTotal).toBe(OPINIONS);
    expect(json.opinions).toHaveLength(OPINIONS);
    expect(Object.values(json.dispositions).reduce((a, b) => a + b, 0)).toBe(OPINIONS);
  }, 120_000);
});
