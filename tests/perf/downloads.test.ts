import { env } from 'cloudflare:test';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { summaryCsv } from '../../src/features/summaries/csv';
import { figuresOf } from '../../src/features/summaries/figures-cache';
import { summaryDocx } from '../../src/features/summaries/docx';
import { loadSummaryHead, OPINION_CHUNK, summaryOpinionChunks } from '../../src/features/summaries/service';
import { summaryXlsx } from '../../src/features/summaries/xlsx';
import { loadOffice } from '../../src/features/settings/office';
import { createDeps } from '../../src/lib/deps';
import { createTranslator } from '../../src/lib/i18n';
import { bearerFor, countedRequest, testDeps, testNow } from '../helpers';
import { unzip } from '../summaries/factories';
import { aBusyRound } from './factories';

const OPINIONS = 2_500;
const t = createTranslator('zh-CN');

/** Deps whose D1 round trips are counted, as in bench builds. */
const countingDeps = () => createDeps({ ...env, COUNT_D1_QUERIES: '1' }, testNow);
type CountingDeps = ReturnType<typeof countingDeps>;
type Head = NonNullable<Awaited<ReturnType<typeof loadSummaryHead>>>;

/** The factory's opinions in draft order: the whole draft (i % 4 = 0), then sections 1, 2, 3, each by number. */
const draftOrder = (total: number) => [0, 1, 2, 3].flatMap((rest) => Array.from({ length: total }, (_, k) => k + 1).filter((i) => i % 4 === rest));

/** Reads a stream to its end: in how many parts it came, and the D1 count when its first bytes came out. */
async function readAll(stream: ReadableStream<Uint8Array>, deps: CountingDeps) {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let tripsAtFirstBytes = -1;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (tripsAtFirstBytes < 0) tripsAtFirstBytes = deps.d1Counter!.trips;
    parts.push(next.value);
  }
  return { tripsAtFirstBytes, parts: parts.length };
}

describe('summary downloads stream', () => {
  it('read the round in keyset chunks of at most a thousand, section by section in draft order, each opinion once', async () => {
    const { id } = await aBusyRound({ invitees: 0, opinions: OPINIONS });
    const deps = countingDeps();
    const head = (await loadSummaryHead(deps, id))!;
    const before = deps.d1Counter!.trips;
    const seen: number[] = [];
    for await (const chunk of summaryOpinionChunks(deps, head)) {
      expect(chunk.length).toBeLessThanOrEqual(OPINION_CHUNK);
      seen.push(...chunk.map((o) => o.seq));
    }
    expect(seen).toEqual(draftOrder(OPINIONS));
    // 625 opinions in each of the four parts: one read each.
    expect(deps.d1Counter!.trips - before).toBe(4);
  });

  it('send the first bytes of the CSV, the XLSX and the DOCX before the opinions are all read', async () => {
    const { id } = await aBusyRound({ invitees: 10, opinions: 6_000 });
    const files = {
      csv: (deps: CountingDeps, head: Head) => summaryCsv(t, summaryOpinionChunks(deps, head)),
      xlsx: (deps: CountingDeps, head: Head) => summaryXlsx(t, 'zh-CN', head, [], summaryOpinionChunks(deps, head)),
      docx: async (deps: CountingDeps, head: Head) => summaryDocx(t, 'zh-CN', { summary: head, now: testNow(), office: await loadOffice(deps), chunks: summaryOpinionChunks(deps, head) }),
    };
    for (const [kind, write] of Object.entries(files)) {
      const deps = countingDeps();
      const head = (await loadSummaryHead(deps, id))!;
      const start = deps.d1Counter!.trips;
      const { tripsAtFirstBytes, parts } = await readAll(await write(deps, head), deps);
      // 1,500 opinions in each of four parts: two reads a part, eight in all (plus the office for the DOCX).
      const reads = deps.d1Counter!.trips - start - (kind === 'docx' ? 1 : 0);
      expect(reads, kind).toBe(8);
      expect(tripsAtFirstBytes - start, kind).toBeLessThanOrEqual(kind === 'docx' ? 2 : 1);
      expect(parts, kind).toBeGreaterThan(4);
    }
  });

  it('are complete through the routes, in draft order, with the head read before the body', async () => {
    const { id } = await aBusyRound({ invitees: 30, opinions: OPINIONS });
    const { authorization } = await bearerFor('viewer');
    // The figures are counted once after a change and kept (two trips), as any page would have done before.
    await figuresOf(testDeps(), id);
    const csv = await countedRequest(`/rounds/${id}/summary.csv`, { headers: { authorization } });
    // The sign-in check and the head: the opinions are read while the body streams.
    expect(csv.trips).toBeLessThanOrEqual(3);
    const rows = Papa.parse<string[]>(new TextDecoder().decode((await csv.res.arrayBuffer()).slice(3)), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(draftOrder(OPINIONS));

    const xlsx = unzip(await (await countedRequest(`/rounds/${id}/summary.xlsx`, { headers: { authorization } })).res.arrayBuffer());
    expect(xlsx['xl/worksheets/sheet1.xml']!.match(/<row /g)).toHaveLength(OPINIONS + 5);
    // The invitee sheet: a header and one row per invitee, with only the five columns it shows.
    expect(xlsx['xl/worksheets/sheet2.xml']!.match(/<row /g)).toHaveLength(30 + 1);

    const docx = unzip(await (await countedRequest(`/rounds/${id}/summary.docx`, { headers: { authorization } })).res.arrayBuffer());
    const xml = docx['word/document.xml']!;
    expect(xml.match(/>理由\d+</g)).toHaveLength(OPINIONS);
    // Font and size come from one paragraph style, not from every cell's runs.
    expect(xml.match(/<w:pStyle w:val="TableText"\/>/g)!.length).toBe(OPINIONS * 6);
    expect(docx['word/styles.xml']).toMatch(/<w:style w:type="paragraph" w:styleId="TableText">.*w:eastAsia="仿宋_GB2312".*<w:sz w:val="21"\/>/);
    const rowsXml = xml.slice(xml.indexOf('>理由1<'));
    expect(rowsXml.slice(0, rowsXml.indexOf('</w:tbl>'))).not.toContain('<w:rPr>');
  });
});
