/**
 * Word's automatic numbering (word/numbering.xml), so that a regulation whose 第一条, 第二条… or 一、（一）… are list
 * numbers rather than typed text reads as it prints. A paragraph is numbered by its own `<w:numPr>` or by its
 * paragraph style's (word/styles.xml). Counters run per abstract list, as Word continues a list across instances
 * that share one, and restart where an instance overrides its start.
 */

type Level = { start: number; format: string; text: string; suffix: string; restartAfter: number | null };
type NumberingInstance = { abstractId: string; startOverrides: Map<number, number> };
export type Numbering = {
  abstracts: Map<string, Map<number, Level>>;
  instances: Map<string, NumberingInstance>;
  styleNumbering: Map<string, { numId: string; level: number }>;
};

const attr = (xml: string, element: string, name = 'w:val'): string | undefined =>
  new RegExp(`<${element}\\b[^>]*?\\s${name}="([^"]*)"`).exec(xml)?.[1];

function blocks(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}\\b[^>]*?(?:/>|>[\\s\\S]*?</${element}>)`, 'g'))].map((m) => m[0]);
}

function numPrOf(xml: string): { numId: string; level: number } | null {
  const numPr = /<w:numPr>[\s\S]*?<\/w:numPr>/.exec(xml)?.[0];
  if (!numPr) return null;
  const numId = attr(numPr, 'w:numId');
  return numId === undefined ? null : { numId, level: Number(attr(numPr, 'w:ilvl') ?? 0) };
}

export function parseNumbering(numberingXml: string | null, stylesXml: string | null): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const instances = new Map<string, NumberingInstance>();
  const styleNumbering = new Map<string, { numId: string; level: number }>();
  for (const abstract of blocks(numberingXml ?? '', 'w:abstractNum')) {
    const id = attr(abstract, 'w:abstractNum', 'w:abstractNumId');
    if (id === undefined) continue;
    const levels = new Map<number, Level>();
    for (const lvl of blocks(abstract, 'w:lvl')) {
      const restart = attr(lvl, 'w:lvlRestart');
      levels.set(Number(attr(lvl, 'w:lvl', 'w:ilvl') ?? 0), {
        start: Number(attr(lvl, 'w:start') ?? 1),
        format: attr(lvl, 'w:numFmt') ?? 'decimal',
        text: attr(lvl, 'w:lvlText') ?? '',
        suffix: attr(lvl, 'w:suff') ?? 'tab',
        restartAfter: restart === undefined ? null : Number(restart),
      });
    }
    abstracts.set(id, levels);
  }
  for (const num of blocks(numberingXml ?? '', 'w:num')) {
    const id = attr(num, 'w:num', 'w:numId');
    const abstractId = attr(num, 'w:abstractNumId');
    if (id === undefined || abstractId === undefined) continue;
    const startOverrides = new Map<number, number>();
    for (const override of blocks(num, 'w:lvlOverride')) {
      const start = attr(override, 'w:startOverride');
      if (start !== undefined) startOverrides.set(Number(attr(override, 'w:lvlOverride', 'w:ilvl') ?? 0), Number(start));
    }
    instances.set(id, { abstractId, startOverrides });
  }
  for (const style of blocks(stylesXml ?? '', 'w:style')) {
    const id = attr(style, 'w:style', 'w:styleId');
    const numPr = numPrOf(style);
    if (id !== undefined && numPr) styleNumbering.set(id, numPr);
  }
  return { abstracts, instances, styleNumbering };
}

const DIGITS = '零一二三四五六七八九';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';

/** 1 → 一, 10 → 十, 21 → 二十一, 101 → 一百零一, 1000 → 一千: as Chinese legal texts number articles. */
export function chineseCounting(n: number): string {
  if (n <= 0 || n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += d === 1 && unit === '十' && out === '' ? '' : DIGITS[d];
    out += unit;
  });
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, letters] of table) while (n >= value) (out += letters), (n -= value);
  return out;
}

function letters(n: number): string {
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatCounter(n: number, format: string): string {
  switch (format) {
    case 'chineseLegalSimplified':
      return chineseCounting(n).replace(/[一二三四五六七八九十百千零]/g, (c) => '壹贰叁肆伍陆柒捌玖拾佰仟零'['一二三四五六七八九十百千零'.indexOf(c)]!);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseCounting(n);
    case 'ideographTraditional':
      return TIANGAN[(n - 1) % 10] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Numbers paragraphs in document order: `next(paragraphXml)` is the number Word shows before it, or ''. */
export function numberer(numbering: Numbering): (paragraph: string) => string {
  const counters = new Map<string, number[]>();
  const startedInstances = new Set<string>();
  return (paragraph) => {
    const pPr = /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(paragraph)?.[0] ?? '';
    const style = attr(pPr, 'w:pStyle');
    const own = numPrOf(pPr);
    const fromStyle = style === undefined ? undefined : numbering.styleNumbering.get(style);
    const numPr = own ?? fromStyle;
    if (!numPr || numPr.numId === '0') return '';
    const level = own && /<w:ilvl\b/.test(pPr) ? own.level : (fromStyle?.level ?? numPr.level);
    const instance = numbering.instances.get(numPr.numId);
    const levels = instance && numbering.abstracts.get(instance.abstractId);
    const def = levels?.get(level);
    if (!instance || !levels || !def || def.format === 'bullet') return '';
    const key = instance.abstractId;
    const values = counters.get(key) ?? [];
    if (!startedInstances.has(numPr.numId)) {
      startedInstances.add(numPr.numId);
      for (const [overridden, start] of instance.startOverrides) values[overridden] = start - 1;
    }
    const startOf = (l: number) => instance.startOverrides.get(l) ?? levels.get(l)?.start ?? 1;
    values[level] = values[level] === undefined ? startOf(level) : values[level]! + 1;
    for (let deeper = level + 1; deeper < 9; deeper++) {
      const restartAfter = levels.get(deeper)?.restartAfter;
      if (restartAfter === 0) continue;
      if (restartAfter === null || restartAfter === undefined || restartAfter - 1 >= level) values[deeper] = undefined as unknown as number;
    }
    counters.set(key, values);
    const label = def.text.replace(/%([1-9])/g, (_, digit: string) => {
      const l = Number(digit) - 1;
      const value = values[l] ?? startOf(l);
      return formatCounter(value, levels.get(l)?.format ?? 'decimal');
    });
    if (!label) return '';
    // 一、 and （一） carry their own separator; 第一条 is followed by a full-width space, as the printed text has.
    return def.suffix === 'nothing' || /[、．.）)]$/.test(label) ? label : `${label}　`;
  };
}
