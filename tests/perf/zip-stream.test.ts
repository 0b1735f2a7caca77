import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, zipStream } from '../../src/lib/zip-stream';

const encoder = new TextEncoder();

/** Each central-directory record's name, CRC-32 and uncompressed size, read from the archive's bytes. */
function directory(zip: Uint8Array): { name: string; crc: number; size: number; method: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const records = [];
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    records.push({
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      size: view.getUint32(at + 24, true),
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
    });
  }
  return records;
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('a streamed ZIP deflated by the runtime', () => {
  it('computes CRC-32 as ZIP readers check it', () => {
    expect(crc32(0, encoder.encode('123456789'))).toBe(0xcbf43926);
    // In pieces, continued from the previous value.
    expect(crc32(crc32(0, encoder.encode('12345')), encoder.encode('6789'))).toBe(0xcbf43926);
    expect(crc32(0, new Uint8Array(0))).toBe(0);
  });

  it('holds every entry whole, deflated, with the right CRC and size, from text given whole, in pieces and asynchronously', async () => {
    const row = (i: number) => `<row r="${i}"><c t="inlineStr"><is><t>第${i}条意见：建议明确责任部门与完成时限，完善配套服务设施。</t></is></c></row>`;
    const pieces = Array.from({ length: 20_000 }, (_, i) => row(i));
    async function* slowly() {
      for (let i = 0; i < pieces.length; i += 1_000) {
        await Promise.resolve();
        yield pieces.slice(i, i + 1_000).join('');
      }
    }
    const zip = await bytesOf(
      zipStream([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'xl/worksheets/sheet1.xml', content: slowly() },
        { name: 'word/empty.xml', content: [] },
        { name: 'docProps/app.xml', content: [encoder.encode('<Properties>'), '</Properties>'] },
      ]),
    );
    const files = unzipSync(zip);
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(text('[Content_Types].xml')).toBe('<Types/>');
    expect(text('xl/worksheets/sheet1.xml')).toBe(pieces.join(''));
    expect(text('word/empty.xml')).toBe('');
    expect(text('docProps/app.xml')).toBe('<Properties></Properties>');
    const sheet = encoder.encode(pieces.join(''));
    const record = directory(zip).find((r) => r.name === 'xl/worksheets/sheet1.xml')!;
    expect(record).toEqual({ name: 'xl/worksheets/sheet1.xml', method: 8, crc: crc32(0, sheet), size: sheet.length });
    // Deflated: repetitive XML shrinks many times over.
    expect(zip.length).toBeLessThan(sheet.length / 5);
  });
});
