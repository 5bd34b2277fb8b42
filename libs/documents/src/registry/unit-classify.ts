import { PROVINCE_NAMES } from '../units/unit-name.util';
import type { RegistryUnitKind, RegistryUnitLevel } from './unit-registry.types';

const PROVINCE_START = new RegExp(`^(${Object.keys(PROVINCE_NAMES).join('|')})`);

/** Level from the name: 国务院/国家…/…部 national; …县/…区 county; …市 city; 省/自治区/a province's name province. */
export function inferUnitLevel(name: string): RegistryUnitLevel {
  if (/^(国务院|中央|中共中央|全国)/.test(name)) return 'national';
  if (/^国家/.test(name) && !/(分行|分局|监管局)$/.test(name)) return 'national';
  if (/^[^省市县区]{2,12}部$/.test(name)) return 'national';
  if (/(县|(?<!治)区)(人民政府|政府|委员会|委|局|办|$)/.test(name)) return 'county';
  if (/市(?!场)/.test(name) && !/^(自治区|省)/.test(name)) return 'city';
  if (/(省|自治区)/.test(name) || PROVINCE_START.test(name)) return 'province';
  return 'province';
}

/** Kind from the name: …政府 government; 公司/集团/commercial banks enterprise; 厅/委/局/办/部 department. */
export function inferUnitKind(name: string): RegistryUnitKind {
  if (/(人民政府|政府)$/.test(name)) return 'government';
  if (/(有限公司|有限责任公司|公司|集团)$/.test(name)) return 'enterprise';
  if (/(银行|分行)$/.test(name) && !/人民银行/.test(name)) return 'enterprise';
  if (/(厅|委|局|办|部|委员会|办公室|办公厅|海关|署|支行|办事处)$/.test(name)) return 'department';
  return 'other';
}
