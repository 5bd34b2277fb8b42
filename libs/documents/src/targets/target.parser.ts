import type { ExtractedTarget } from '../document.types';
import { DeadlineContext, findTimePhrases } from '../schedule/deadline.parser';
import {
  chineseNumeralValue,
  findBracketSpans,
  toHalfWidthDigits,
  trimText,
} from '../text/text.util';

// Longest first, so 平方米 wins over 米 and 个百分点 over 个; a magnitude (万, 亿) may precede any unit.
export const TARGET_UNITS = [
  '个百分点',
  '平方公里',
  '平方米',
  '千瓦时',
  '千瓦',
  '吨',
  '台',
  '套',
  '辆',
  '人次',
  '人',
  '户',
  '亩',
  '美元',
  '元',
  '公里',
  '千米',
  '项',
  '家',
  '个',
  '条',
  '所',
  '座',
  '件',
  '种',
  '名',
  '款',
  '艘',
  '架',
  '处',
  '倍',
  '栋',
  '部(?![门署委])',
  '次',
  '场',
  '%',
];
const MONEY = /元$/;
const QUANTITY = new RegExp(
  `(?<![\\d.A-Za-z])(\\d+(?:\\.\\d+)?)[\\s\\u3000]*((?:千万|百万|万|亿)?(?:${TARGET_UNITS.join('|')}))`,
  'g',
);
const CN_QUANTITY =
  /(?<![\d.一二两三四五六七八九十百千万])([一二两三四五六七八九]?[百千万])(家|个|项|所|条|种|台|套)/g;
// Counts of administrative areas (`14个设区市`) describe scope, not a target.
const AREA_AFTER_COUNT =
  /^((设区市|地级市|地级以上市|地市|城市|市|县|区|省|自治区|直辖市)(?![级场域属])|[\u4e00-\u9fa5]{0,4}重点县)/;
const HAN = /[\u4e00-\u9fa5]/;

interface Quantity {
  index: number;
  end: number;
  value: number;
  unit: string;
}

function quantities(ascii: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of ascii.matchAll(QUANTITY)) {
    out.push({
      index: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      value: Number(m[1]),
      unit: m[2],
    });
  }
  for (const m of ascii.matchAll(CN_QUANTITY)) {
    // A column's unit (`上云企业（万家）`) or a set phrase (`千家万户`) is no figure.
    const at = m.index ?? 0;
    if (/[（(]$/.test(ascii.slice(0, at)) && /^[）)]/.test(ascii.slice(at + m[0].length))) continue;
    if (/^千家万户/.test(ascii.slice(at))) continue;
    const value = chineseNumeralValue(m[1]);
    if (value)
      out.push({ index: m.index ?? 0, end: (m.index ?? 0) + m[0].length, value, unit: m[2] });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Figures that are not goals: baselines, per-unit rates, descriptors, scope counts, incentives. */
const INCENTIVE = /(给予|奖励|补助|补贴|资助|贴息)/;

function isDescriptor(
  q: Quantity,
  ascii: string,
  clause: string,
  semicolonBefore: string,
): boolean {
  const before = ascii.slice(Math.max(0, q.index - 1), q.index);
  const after = ascii.slice(q.end);
  if (/[由从每第前]/.test(before)) return true;
  // A duration (`3个月内`), not a count.
  if (q.unit.endsWith('个') && /^(月|工作日|小时|季度|星期)/.test(after)) return true;
  if (q.unit === '个' && AREA_AFTER_COUNT.test(after)) return true;
  // `投资超1亿元装备制造业项目`, `10亿元以上的项目`: an amount that qualifies the noun after it.
  if (
    MONEY.test(q.unit) &&
    HAN.test(after.replace(/^(以上|以下)?的?/, '').charAt(0)) &&
    !/^(左右|以上[，,。；;]|以下[，,。；;])/.test(after)
  )
    return true;
  if (/^(以上|以下)的/.test(after)) return true;
  if (/按.{0,24}计算/.test(clause)) return true;
  // `珠海、佛山、中山、肇庆、江门、顺德等6个…基地`: a count that only sums up the names listed.
  const listed = ascii.slice(0, q.index).match(/([^，,。；;：:（(]*)等$/);
  if (listed && listed[1].split('、').length === q.value) return true;
  if (MONEY.test(q.unit) && /(给予|奖励|补助|补贴|资助)/.test(clause)) return true;
  // The terms of an incentive (`按投资额的10%给予补助，单个项目最高不超过1000万元`).
  if (MONEY.test(q.unit) || q.unit === '%') {
    if (q.unit === '%' && INCENTIVE.test(clause)) return true;
    if (INCENTIVE.test(semicolonBefore) && /(最高|不超过|最多|上限)/.test(clause)) return true;
  }
  return false;
}

/**
 * Quantitative targets: a number with a unit (个, 家, %, 亿元, 万平方米, …) in the item's text.
 * `text` is the comma clause holding the figure, led by the comma clause of its time phrase when
 * that is another one (`到2020年，不良品率降低20%`); `by` comes from the nearest time phrase before
 * the figure in the same sentence (`到2019年`, `2020年底前`, `年内`, a clause-initial `2020年`).
 * Figures inside quotes (`“5个50”`) and descriptors (see isDescriptor) are skipped.
 */
export function parseTargets(text: string, ctx: DeadlineContext): ExtractedTarget[] {
  const ascii = toHalfWidthDigits(text);
  const found = quantities(ascii);
  if (found.length === 0) return [];
  const quoted = findBracketSpans(ascii, ['“', '《', '〔', '[']);
  const phrases = findTimePhrases(text, ctx, true).filter((p) => p.kind !== 'ongoing');
  const targets: ExtractedTarget[] = [];
  for (const q of found) {
    if (quoted.some((s) => q.index > s.start && q.index < s.end)) continue;
    const sentenceStart = lastIndexOfAny(ascii, '。！？!?\n', q.index) + 1;
    const clauseStart = Math.max(sentenceStart, lastIndexOfAny(ascii, '；;', q.index) + 1);
    const clauseEnd = firstIndexOfAny(ascii, '；;。！？!?\n', q.end);
    const commaStart = Math.max(clauseStart, lastIndexOfAny(ascii, '，,', q.index) + 1);
    const commaEnd = Math.min(clauseEnd, firstIndexOfAny(ascii, '，,', q.end));
    if (
      isDescriptor(q, ascii, ascii.slice(commaStart, commaEnd), ascii.slice(clauseStart, q.index))
    )
      continue;
    // The nearest time phrase before the figure in its sentence, else one that qualifies it in
    // the same comma clause (`63个计划年内投产项目`).
    const phrase =
      [...phrases].reverse().find((p) => p.index >= sentenceStart && p.index < q.index) ??
      phrases.find((p) => p.index >= q.end && p.index < commaEnd);
    const own = trimText(text.slice(commaStart, commaEnd));
    let stated = own;
    if (phrase && phrase.index < commaStart) {
      // Lead with the comma clause that holds the time phrase (`到2020年，` + `不良品率降低20%`).
      const phraseEnd = firstIndexOfAny(ascii, '，,', phrase.index + phrase.text.length);
      const phraseStart = Math.max(
        sentenceStart,
        lastIndexOfAny(ascii, '，,；;', phrase.index) + 1,
      );
      stated = `${trimText(text.slice(phraseStart, phraseEnd))}${text[phraseEnd]}${own}`;
    }
    const target: ExtractedTarget = {
      text: stated,
      value: q.value,
      unit: q.unit,
      by: phrase?.date ?? null,
    };
    targets.push(target);
  }
  return targets;
}

function lastIndexOfAny(s: string, chars: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (chars.includes(s[i])) return i;
  return -1;
}

function firstIndexOfAny(s: string, chars: string, from: number): number {
  for (let i = from; i < s.length; i++) if (chars.includes(s[i])) return i;
  return s.length;
}
