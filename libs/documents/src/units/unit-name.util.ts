import {
  CENTRAL_BODIES,
  COLLECTIVE_NAMES,
  UNIT_SUFFIXES,
  ZONE_BODY_ENDINGS,
} from './unit-lexicon.data';

// What a unit name looks like: the endings of agencies, governments, enterprises and collectives,
// and the leading words that give a name its own level (so no shared prefix is added to it).

const UNIT_ENDINGS = UNIT_SUFFIXES;
const KNOWN_WHOLE = new Set<string>([...CENTRAL_BODIES, ...COLLECTIVE_NAMES]);
const CENTRAL = new Set<string>(CENTRAL_BODIES);

/** A national body of the lexicon (`人民银行`, `银保监会`, `税务总局`): it takes no prefix. */
export function isCentralBody(name: string): boolean {
  return CENTRAL.has(name);
}

/** A collective that stands for many units and stays one name (`有关部门和单位`). */
export function isCollectiveName(name: string): boolean {
  return COLLECTIVE_NAMES.includes(name);
}

const UNIT_ENDING = new RegExp(`(${UNIT_ENDINGS.join('|')})$`);

/** Department-style endings: a bare name with one of these takes the list's shared prefix. */
const DEPARTMENT_ENDING = /(厅|委|局|办|委员会|办公室|署)$/;

export const PROVINCE_NAMES: Record<string, string> = {
  北京: '北京市',
  天津: '天津市',
  上海: '上海市',
  重庆: '重庆市',
  河北: '河北省',
  山西: '山西省',
  辽宁: '辽宁省',
  吉林: '吉林省',
  黑龙江: '黑龙江省',
  江苏: '江苏省',
  浙江: '浙江省',
  安徽: '安徽省',
  福建: '福建省',
  江西: '江西省',
  山东: '山东省',
  河南: '河南省',
  湖北: '湖北省',
  湖南: '湖南省',
  广东: '广东省',
  海南: '海南省',
  四川: '四川省',
  贵州: '贵州省',
  云南: '云南省',
  陕西: '陕西省',
  甘肃: '甘肃省',
  青海: '青海省',
  台湾: '台湾省',
  内蒙古: '内蒙古自治区',
  广西: '广西壮族自治区',
  西藏: '西藏自治区',
  宁夏: '宁夏回族自治区',
  新疆: '新疆维吾尔自治区',
  香港: '香港特别行政区',
  澳门: '澳门特别行政区',
};

const PROVINCE_START = new RegExp(`^(${Object.keys(PROVINCE_NAMES).join('|')})`);
const OWN_LEVEL_START =
  /^(各|国家|国务院|中央|中共|全国|中国|人民银行|团(?:省|市|县|区|自治区)委|自治区|省|市(?!场|容|政(?!务|府))|县|区(?!域)|[\u4e00-\u9fa5]{2,3}(市|县|区|州|盟)(?![场政容]))/;

/** Generic level prefixes a list shares (`自治区工业和信息化委、发展改革委`). */
const GENERIC_PREFIX = /^(自治区|省|市(?!场|容|政(?!务|府))|县|区(?!域))(?=[\u4e00-\u9fa5])/;

// Endings that also name things (`技术中心`, `实验室`): not enough on their own to call a bare
// parenthetical list a responsibility clause.
const THING_ENDING = /(中心|室|院|大学|学院)$/;

/** A name with an agency / government / enterprise / collective ending; `strict` leaves out 中心, 室, 院. */
// `各县（市、区）`, `各市（州）`, `各乡镇（街道）`: every place of a level, written without its government.
const PLACES_OF_A_LEVEL =
  /^各(?:县|区|市|州|盟|旗|乡镇|乡|镇)[（(](?:[市区县州盟旗镇乡街道]|街道|办事处|[、，,])+[）)]$/;

export function isUnitLike(name: string, strict = false): boolean {
  if (KNOWN_WHOLE.has(name) || PLACES_OF_A_LEVEL.test(name)) return true;
  // `各乡镇人民政府（街道办事处）`, `省交通运输厅（省港航中心）`: the name before a closing aside.
  const core = name.replace(/[（(][^（）()]*[）)]$/, '');
  if (core.length < 2 || name.length > 50 || !UNIT_ENDING.test(core)) return false;
  return !strict || !THING_ENDING.test(name) || AGENCY_OFFICE.test(name);
}

/** An office or centre of a government body (`市政府督查室`, `省委改革办公室`, `自治区大数据发展局信息中心`). */
const AGENCY_OFFICE =
  /^[\u4e00-\u9fa5]*(政府|党委|省委|市委|区委|县委|厅|局)[\u4e00-\u9fa5]{1,8}(室|中心)$/;

/** True when the name starts with its own level or place (省…, 各市…, 国家…, 广西…, 南宁市…). */
export function hasOwnLevel(name: string): boolean {
  return (
    CENTRAL.has(name) ||
    OWN_LEVEL_START.test(name) ||
    PROVINCE_START.test(name) ||
    isCentralBranch(name)
  );
}

/** A central body's office in a province (`金融监管总局江苏监管局`, `海关总署广东分署`): named with its own place. */
function isCentralBranch(name: string): boolean {
  return CENTRAL_BODIES.some(
    (c) =>
      name.length > c.length && name.startsWith(c) && PROVINCE_START.test(name.slice(c.length)),
  );
}

/** A bare department name that should receive the shared prefix of its list. */
export function needsPrefix(name: string): boolean {
  // `国家安全厅` is a province's department (national bodies are 部, 委, 局, 署).
  if (/^国家[\u4e00-\u9fa5]{1,6}厅$/.test(name)) return true;
  // A branch (`襄阳银保监分局`, `…中心支行`) is named with its own place.
  if (/(分局|分行|支行|分公司)$/.test(name)) return false;
  // `哈尔滨铁路局`: a railway bureau is named with its own city.
  if (/^[\u4e00-\u9fa5]{2,}铁路局$/.test(name)) return false;
  // `相关乡镇办`, `有关委办局`: a collective, not one department of the list's level.
  if (/^(相关|有关|其他|其余|所在|属地)/.test(name)) return false;
  // `园区党工委`, `高新区管理委员会`: a zone's own body, named with its zone.
  if (ZONE_BODY_ENDINGS.some((e) => name.endsWith(e))) return false;
  return !hasOwnLevel(name) && DEPARTMENT_ENDING.test(name) && !/^(党中央|中共中央)/.test(name);
}

/**
 * The level prefix a name carries and that later bare names in the same list share:
 * `自治区`, `省`, `市`, `县`, or a full place (`广东省`, `广西壮族自治区`, `南宁市`) followed by a department.
 */
export function sharedPrefixOf(name: string): string | null {
  if (/^各/.test(name)) return null;
  const generic = name.match(GENERIC_PREFIX);
  if (generic && DEPARTMENT_ENDING.test(name)) return generic[1];
  const province = Object.values(PROVINCE_NAMES).find((full) => name.startsWith(full));
  if (province && name.length > province.length && DEPARTMENT_ENDING.test(name)) return province;
  const city = name.match(/^([\u4e00-\u9fa5]{2,3}(市|县))(?=[\u4e00-\u9fa5]{2,}$)/);
  if (city && DEPARTMENT_ENDING.test(name) && !/[一二三四五六七八九十]/.test(city[1]))
    return city[1];
  return null;
}

/** A short organisation line such as a signature (`广东省人民政府办公厅`, `国务院`). */
export function looksLikeOrgName(line: string): boolean {
  return (
    line.length >= 2 &&
    line.length <= 30 &&
    !/[，。；：,;:、（）()\d]/.test(line) &&
    /(政府|办公厅|办公室|国务院|委员会|部|厅|局|委|办|院|会|政府办)$/.test(line)
  );
}

// `莲都区政府`, `苍南县人民政府`, `天津市人民政府办公厅`: a place whose government the document names.
const GOVERNMENT_OF_PLACE = /([\u4e00-\u9fa5]{2,3})(?:市|县|区|旗)(?:人民政府|政府)/g;

/**
 * The stems of the places whose governments a document names (`莲都` from `莲都区政府`); a unit whose
 * name starts with one (`莲都邮政管理局`) is named with its own place. Candidates of two and three
 * characters are both kept (`2023年莲都区政府` gives `莲都` and `年莲都`): a stem that starts no name does no harm.
 */
export function placeStemsOf(text: string): string[] {
  const stems = new Set<string>();
  for (const m of text.matchAll(GOVERNMENT_OF_PLACE)) {
    const place = m[1];
    stems.add(place.slice(-2));
    if (place.length === 3) stems.add(place);
  }
  return [...stems].filter((s) => !/^(各|本|全|我|该|所在|相关|有关)/.test(s));
}
