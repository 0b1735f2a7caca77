/** The 意见采纳情况表 as CSV: UTF-8 with BOM and CRLF (Excel and WPS open it right), formula-safe cells, streamed. */
import { strToU8 } from 'fflate';
import { csvLine, UTF8_BOM } from '../../lib/csv';
import type { Translator } from '../../lib/i18n';
import { streamOf } from '../../lib/zip-stream';
import type { SummaryOpinion } from './service';
import { tableHeader, tableRow } from './table';

/** The file as a stream: the header, then one chunk of rows at a time as the opinions are read. */
export function summaryCsv(t: Translator, chunks: AsyncIterable<SummaryOpinion[]>): ReadableStream<Uint8Array> {
  return streamOf(
    (async function* () {
      yield strToU8(UTF8_BOM + csvLine(tableHeader(t)));
      for await (const chunk of chunks) yield strToU8(chunk.map((o) => csvLine(tableRow(t, o))).join(''));
    })(),
  );
}
