import { removeSpaces, splitOutsideBrackets, trimText, unique } from '../text/text.util';
import { isCollectiveName, isUnitLike, needsPrefix, sharedPrefixOf } from './unit-name.util';

// Phrases that end a list item without being part of the unit's name.
// `…等省有关部门`, `…等市级相关单位`: the 等 phrase sums up the names before it.
const ETC_PHRASE = '等(?:省|市|县|区|自治区|州|盟|旗)?级?(?:有关|相关|其他)?(?:部门|单位)';
const TRAILING_PHRASES = new RegExp(
  `(按照?职责分工负责|按照?职责分工落实|按照?职能分工负责|按照?职责负责|分工负责|共同负责|分别负责|牵头负责|负责|牵头|配合|参与|协助|${ETC_PHRASE}|等)$`,
);
const TRAILING_ETC = new RegExp(`(?:${ETC_PHRASE}|等)$`);
const LEADING_WORDS = /^(由|及|以及|并|或|和)/;
const NON_UNIT = /^(下同|以下同|同上|排名不分先后|不分先后)$/;
// `各区人民政府〈含开发区管委会，下同〉`, `各县（含功能区）`: an aside that says what the name covers is no part of it.
const SCOPE_NOTE = /[（(〈](?:(?:含|包括|包含|不含)[^（()）〈〉]*|[^（()）〈〉]*下同)[）)〉]$/;

/** Removes the connective words and non-unit phrases around one list item (`…委等有关部门` → `…委`). */
export function cleanUnitName(raw: string): string {
  let name = removeSpaces(trimText(raw)).replace(/[。.；;，,、：:]+$/, '');
  name = name.replace(LEADING_WORDS, '').replace(SCOPE_NOTE, '');
  let previous = '';
  while (previous !== name) {
    previous = name;
    name = name.replace(TRAILING_PHRASES, '');
  }
  return NON_UNIT.test(name) ? '' : name;
}

/** `省发展改革委和省财政厅` → two units; `工业和信息化委` stays whole (its left side is not a unit). */
// A generic word on the right of 和 belongs to a collective (`有关部门和单位`), it is no unit of its own.
const GENERIC_RIGHT = /^(单位|部门|机构|组织|企业|社会组织)$/;

function splitOnConjunction(name: string): string[] {
  if (isCollectiveName(name)) return [name];
  for (let i = 2; i < name.length - 1; i++) {
    if (!'和及与'.includes(name[i])) continue;
    const [left, right] = [name.slice(0, i).replace(TRAILING_ETC, ''), name.slice(i + 1)];
    if (right.length < 2 || GENERIC_RIGHT.test(right)) continue;
    if (isUnitLike(left) && isUnitLike(right)) return [left, ...splitOnConjunction(right)];
  }
  return [name];
}

// `各市（州）、县（市、区）人民政府`, `各县（市、区）、乡镇人民政府`: a bare level's government (with its aside) continues the collective.
const BARE_LEVEL_GOVERNMENT =
  /^(市|县|区|旗|县级市|乡镇|乡|镇)(?:[（(][市区县州盟旗镇乡街道、，,]+[）)])?(人民政府|政府)$/;
/** A township's government continues only a collective of places (`各县（市、区）、乡镇人民政府`), not a government. */
const continuesCollective = (previous: string, part: string) =>
  BARE_LEVEL_GOVERNMENT.test(part) && (!/^(乡镇|乡|镇)/.test(part) || !/政府$/.test(previous));
// A named place (`鱼峰区`, `东津新区（经开区）`), not a level (`市`) nor a collective (`各县`).
const NAMED_PLACE =
  /^(?!各|相关|有关|其他|其余)[\u4e00-\u9fa5]{1,8}(市|县|区|旗|州|盟|镇|乡|新区)$/;
const BARE_PLACE = /^(?!各|相关|有关|其他|其余|所在|属地|全)[\u4e00-\u9fa5]{2,4}$/;
const PLACE_TAIL =
  /^(.*?(?:市|县|区|旗|州|盟|镇|乡))(人民政府|政府|管委会|管理委员会|党委|街道办事处)$/;

/**
 * `城中区、鱼峰区、柳北区人民政府`: named places sharing the last one's `人民政府` are one government
 * each. A collective (`各市、县人民政府`) or anything else stays one name.
 */
function distributeTail(parts: string[]): string[] {
  if (parts.length < 2) return [parts.join('、')];
  const last = parts[parts.length - 1].match(PLACE_TAIL);
  const places = parts.slice(0, -1);
  const isPlace = (p: string) => NAMED_PLACE.test(p.replace(/[（(][^）)]*[）)]$/, ''));
  if (!last || !isPlace(last[1])) return [parts.join('、')];
  if (places.every(isPlace)) return [...places.map((p) => p + last[2]), parts[parts.length - 1]];
  // `哈尔滨、黑河、绥芬河市政府`: bare place names take the last one's level and government.
  const level = last[1].match(/(市|县|区|旗|州|盟)$/)?.[1];
  if (level && places.every((p) => BARE_PLACE.test(p) && !isUnitLike(p)))
    return [...places.map((p) => p + level + last[2]), parts[parts.length - 1]];
  return [parts.join('、')];
}

// `各区、县级市`: a quantifier over bare levels is shared by each (`各区`, `各县级市`).
const LEVEL_WORD = '(?:区|县|市|县级市|镇|乡|乡镇|街道|旗|盟|州|开发区|园区)';
const QUANTIFIED_LEVEL = new RegExp(`^(各(?:有关|相关)?)${LEVEL_WORD}$`);
const BARE_LEVEL = new RegExp(`^${LEVEL_WORD}$`);

function distributeQuantifier(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const q = parts[i].match(QUANTIFIED_LEVEL);
    out.push(parts[i]);
    if (!q) continue;
    while (i + 1 < parts.length && BARE_LEVEL.test(parts[i + 1])) out.push(q[1] + parts[++i]);
  }
  return out;
}

/**
 * Splits a unit list on 、 ， , ； ; (outside brackets and quotes) and cleans each item. A fragment
 * that is no unit by itself shares the head of the next item across a 、 (`各市、县人民政府` is one
 * collective), and two units joined by 和/及/与 are split.
 */
export function splitUnitList(list: string): string[] {
  const names: string[] = [];
  for (const piece of splitOutsideBrackets(list, '，,；;')) {
    const parts = distributeQuantifier(
      splitOutsideBrackets(piece, '、')
        .map(cleanUnitName)
        .filter((n) => n.length > 0),
    );
    const pieceStart = names.length;
    for (let i = 0; i < parts.length; i++) {
      // `各盟行政公署、市人民政府`: a bare level's government continues the collective before it.
      const previous = names[names.length - 1];
      if (
        names.length > pieceStart &&
        previous.startsWith('各') &&
        continuesCollective(previous, parts[i])
      ) {
        names[names.length - 1] = `${previous}、${parts[i]}`;
        continue;
      }
      let j = i;
      while (!isUnitLike(parts.slice(i, j + 1).join('、')) && j + 1 < parts.length) j++;
      const joined = parts.slice(i, j + 1);
      // Fragments that never make a unit together (`福建移动、福建联通`) stay apart; two units joined by
      // 和/及/与 whose whole is no unit (`国务院相关部门及各地区`) are two.
      if (!isUnitLike(joined.join('、'))) {
        names.push(...splitOnConjunction(parts[i]));
        continue;
      }
      names.push(...distributeTail(joined).flatMap(splitOnConjunction));
      i = j;
    }
  }
  return names;
}

/**
 * Expands abbreviations after a shared prefix, one clause at a time: in
 * `自治区工业和信息化委、发展改革委；配合单位：财政厅` every bare department takes `自治区`.
 * A clause that starts with a bare department takes the document's usual prefix.
 */
// `省政府各部门、各直属机构`: a bare collective takes the owner of the collective before it.
const OWNED_COLLECTIVE =
  /^(.{2,12}?)各(?:有关|相关)?(?:部门|直属机构|直属单位|单位|委办局|部委|厅局|成员单位)$/;
const BARE_COLLECTIVE =
  /^各(?:有关|相关)?(?:部门|直属机构|直属单位|单位|委办局|部委|厅局|成员单位)$/;

export class UnitPrefixExpander {
  private lastPrefix: string | null = null;
  private lastOwner: string | null = null;
  /** True while every name of the clause so far was bare: only a clause that starts bare takes the usual prefix. */
  private bareRun = true;

  /**
   * @param defaultPrefix the document's usual prefix, for clauses that start bare
   * @param ownPlaces stems of the places the document's governments are named after (`莲都`): a name
   *   that starts with one (`莲都邮政管理局`) is named with its own place and takes no prefix
   */
  constructor(
    private readonly defaultPrefix: string | null,
    private readonly ownPlaces: readonly string[] = [],
  ) {}

  /** Call at the start of each clause: a prefix does not carry from one clause to the next. */
  startClause(): void {
    this.lastPrefix = null;
    this.lastOwner = null;
    this.bareRun = true;
  }

  private namedWithOwnPlace(name: string): boolean {
    return this.ownPlaces.some((p) => name.length > p.length + 1 && name.startsWith(p));
  }

  expand(names: string[]): string[] {
    return names.map((name) => {
      const owned = name.match(OWNED_COLLECTIVE);
      if (owned && !owned[1].startsWith('各')) {
        this.lastOwner = owned[1];
        return name;
      }
      if (this.lastOwner && BARE_COLLECTIVE.test(name)) return this.lastOwner + name;
      const own = sharedPrefixOf(name);
      if (own) {
        this.lastPrefix = own;
        return name;
      }
      if (!needsPrefix(name) || this.namedWithOwnPlace(name)) {
        // `立山经济开发区，各街道，税务局`: after names of their own, a bare name is kept as written.
        this.bareRun = false;
        return name;
      }
      const prefix = this.lastPrefix ?? (this.bareRun ? this.defaultPrefix : null);
      return prefix ? prefix + name : name;
    });
  }
}

/** The prefix most clauses of a document use (`自治区` in Guangxi, `省` in Guangdong), else null. */
export function usualPrefix(lists: string[][]): string | null {
  const counts = new Map<string, number>();
  for (const name of lists.flat()) {
    const prefix = sharedPrefixOf(name);
    if (prefix) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [prefix, count] of counts) {
    if (count > bestCount) [best, bestCount] = [prefix, count];
  }
  return best;
}

/**
 * A name that is the tail of a longer name used elsewhere in the same document stands for it
 * (`联席会议其他成员单位` after `省推进…联席会议其他成员单位`). Department stems were already
 * prefixed, so this only touches longer collective names.
 */
export function resolveShortForms(all: string[]): Map<string, string> {
  const names = unique(all);
  const map = new Map<string, string>();
  for (const short of names) {
    if (short.length < 5 || short.startsWith('各') || needsPrefix(short)) continue;
    const longer = unique(names.filter((n) => n !== short && n.endsWith(short)));
    if (longer.length === 1) map.set(short, longer[0]);
  }
  return map;
}

/** Order-preserving union; a unit listed as lead is never also a supporting unit. */
export function mergeRoles(
  lead: string[],
  support: string[],
): { lead: string[]; support: string[] } {
  const leads = unique(lead);
  const leadSet = new Set(leads);
  return { lead: leads, support: unique(support).filter((u) => !leadSet.has(u)) };
}
