import { chineseNumeralText } from '../text/text.util';
import { readZipEntries } from './zip.reader';

// A Word (.docx) document as the plain text the extractor reads: one line per paragraph, with the
// label Word's automatic numbering draws (`一、`, `（一）`, `1.`) written out; a table as one line per
// row with its cells separated by tabs (a cell merged down repeats the text above it, a cell spanning
// columns is followed by blank cells), so a task table reads as one in a text file.

interface XmlNode {
  name: string;
  attrs: string;
  children: XmlNode[];
  text: string;
}

const TOKEN =
  /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^>]*?)?)(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;

function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: '', children: [], text: '' };
  const stack = [root];
  for (const m of xml.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (m[6] !== undefined || m[5] !== undefined) {
      top.children.push({
        name: '#text',
        attrs: '',
        children: [],
        text: m[6] !== undefined ? decodeEntities(m[6]) : m[5],
      });
      continue;
    }
    if (!m[2]) continue;
    if (m[1]) {
      // Close the nearest open element of that name (tolerates stray closers).
      const at = stack.map((n) => n.name).lastIndexOf(m[2]);
      if (at > 0) stack.length = at;
      continue;
    }
    const node: XmlNode = { name: m[2], attrs: m[3] ?? '', children: [], text: '' };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  return root;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
      );
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e] ?? '';
  });
}

function attr(node: XmlNode | undefined, name: string): string | null {
  if (!node) return null;
  const m = node.attrs.match(new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}="([^"]*)"`));
  return m ? decodeEntities(m[1]) : null;
}

const child = (node: XmlNode | undefined, name: string) =>
  node?.children.find((c) => c.name === name);
const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);

function* descendants(node: XmlNode, name: string): Generator<XmlNode> {
  for (const c of node.children) {
    if (c.name === name) yield c;
    else yield* descendants(c, name);
  }
}

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Numbering {
  levels(numId: string): Level[] | null;
}

function readNumbering(xml: string | null): Numbering {
  if (!xml) return { levels: () => null };
  const root = parseXml(xml);
  const abstract = new Map<string, Level[]>();
  for (const a of descendants(root, 'w:abstractNum')) {
    const levels: Level[] = [];
    for (const lvl of childrenNamed(a, 'w:lvl')) {
      levels[Number(attr(lvl, 'w:ilvl') ?? 0)] = {
        start: Number(attr(child(lvl, 'w:start'), 'w:val') ?? 1),
        format: attr(child(lvl, 'w:numFmt'), 'w:val') ?? 'decimal',
        text: attr(child(lvl, 'w:lvlText'), 'w:val') ?? '',
      };
    }
    abstract.set(attr(a, 'w:abstractNumId') ?? '', levels);
  }
  const nums = new Map<string, string>();
  for (const n of descendants(root, 'w:num'))
    nums.set(attr(n, 'w:numId') ?? '', attr(child(n, 'w:abstractNumId'), 'w:val') ?? '');
  return { levels: (numId) => abstract.get(nums.get(numId) ?? '') ?? null };
}

/** Paragraph styles that carry numbering (`标题 1` numbered 一、 by the template). */
function readStyleNumbering(xml: string | null): Map<string, { numId: string; ilvl: number }> {
  const out = new Map<string, { numId: string; ilvl: number }>();
  if (!xml) return out;
  for (const style of descendants(parseXml(xml), 'w:style')) {
    const numPr = child(child(style, 'w:pPr'), 'w:numPr');
    const numId = attr(child(numPr, 'w:numId'), 'w:val');
    if (numId)
      out.set(attr(style, 'w:styleId') ?? '', {
        numId,
        ilvl: Number(attr(child(numPr, 'w:ilvl'), 'w:val') ?? 0),
      });
  }
  return out;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseNumeralText(n);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[n - 1] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

class NumberingCounters {
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly numbering: Numbering) {}

  label(numId: string, ilvl: number): string {
    const levels = this.numbering.levels(numId);
    const level = levels?.[ilvl];
    if (!levels || !level || numId === '0') return '';
    const counts = this.counters.get(numId) ?? [];
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl] + 1;
    counts.length = ilvl + 1; // deeper levels restart
    this.counters.set(numId, counts);
    if (level.format === 'bullet') return '';
    return level.text.replace(/%(\d)/g, (_m, d: string) => {
      const i = Number(d) - 1;
      const l = levels[i];
      return l ? formatNumber(counts[i] ?? l.start, l.format) : '';
    });
  }
}

function runText(node: XmlNode): string {
  let out = '';
  for (const c of node.children) {
    if (c.name === 'w:t') out += c.children.map((t) => t.text).join('');
    else if (c.name === 'w:tab') out += '\t';
    else if (c.name === 'w:br' || c.name === 'w:cr') out += '\n';
    else if (c.name === 'w:noBreakHyphen') out += '-';
    else if (c.name === 'w:delText' || c.name === 'w:instrText' || c.name === 'w:del') continue;
    else if (c.name !== '#text') out += runText(c);
  }
  return out;
}

interface Context {
  counters: NumberingCounters;
  styles: Map<string, { numId: string; ilvl: number }>;
}

function paragraphText(p: XmlNode, ctx: Context): string {
  const pPr = child(p, 'w:pPr');
  const numPr = child(pPr, 'w:numPr');
  let numId = attr(child(numPr, 'w:numId'), 'w:val');
  let ilvl = Number(attr(child(numPr, 'w:ilvl'), 'w:val') ?? 0);
  if (!numId) {
    const styled = ctx.styles.get(attr(child(pPr, 'w:pStyle'), 'w:val') ?? '');
    if (styled) ({ numId, ilvl } = styled);
  }
  const body = runText({ ...p, children: p.children.filter((c) => c.name !== 'w:pPr') });
  const label = numId ? ctx.counters.label(numId, ilvl) : '';
  return label + body;
}

function cellText(tc: XmlNode, ctx: Context): string {
  const parts = childrenNamed(tc, 'w:p')
    .map((p) =>
      paragraphText(p, ctx)
        .replace(/[\t\n]+/g, ' ')
        .trim(),
    )
    .filter((t) => t.length > 0);
  // Paragraphs of a cell: a list of names one per line joins with 、, running text joins as is.
  return parts.reduce(
    (acc, part) =>
      acc === '' ? part : /[，。；：、,;:）)]$/.test(acc) ? acc + part : `${acc}、${part}`,
    '',
  );
}

function tableLines(tbl: XmlNode, ctx: Context): string[] {
  const lines: string[] = [];
  let above: string[] = [];
  for (const tr of childrenNamed(tbl, 'w:tr')) {
    const row: string[] = [];
    for (const tc of childrenNamed(tr, 'w:tc')) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Number(attr(child(tcPr, 'w:gridSpan'), 'w:val') ?? 1);
      const vMerge = child(tcPr, 'w:vMerge');
      const continued = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      const text = continued ? (above[row.length] ?? '') : cellText(tc, ctx);
      row.push(text, ...Array.from({ length: Math.max(0, span - 1) }, () => ''));
    }
    above = row;
    if (row.some((c) => c !== '')) lines.push(row.join('\t'));
  }
  return lines;
}

function bodyLines(node: XmlNode, ctx: Context): string[] {
  const lines: string[] = [];
  for (const c of node.children) {
    if (c.name === 'w:p') lines.push(...paragraphText(c, ctx).split('\n'));
    else if (c.name === 'w:tbl') lines.push(...tableLines(c, ctx));
    else if (c.name === 'w:sdt') lines.push(...bodyLines(child(c, 'w:sdtContent') ?? c, ctx));
  }
  return lines;
}

/** The text of a .docx; throws when the archive holds no Word document. */
export function docxToText(buf: Buffer): string {
  const entries = readZipEntries(buf);
  const document = entries.get('word/document.xml');
  if (!document) throw new Error('no word/document.xml');
  const read = (name: string) => entries.get(name)?.read().toString('utf8') ?? null;
  const ctx: Context = {
    counters: new NumberingCounters(readNumbering(read('word/numbering.xml'))),
    styles: readStyleNumbering(read('word/styles.xml')),
  };
  const body = child(child(parseXml(document.read().toString('utf8')), 'w:document'), 'w:body');
  return body ? bodyLines(body, ctx).join('\n') : '';
}
