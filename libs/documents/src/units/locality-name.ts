import { cleanUnitName } from './unit-list.parser';

// A breakdown table names its rows by place (`南宁市`, `南宁`, `百色市人民政府`), the registry by
// government (`南宁市人民政府`): both reduce to the place's name without its government word and
// its level word.
const GOVERNMENT = /(?:人民政府|政府)$/;
const LEVEL = /(?:市|县|区|自治县|旗|盟|州)$/;

/** The key a locality's name and the unit it stands for share (`南宁市人民政府`, `南宁市`, `南宁` → `南宁`). */
export function localityKey(name: string): string {
  const clean = cleanUnitName(name).replace(GOVERNMENT, '');
  const bare = clean.replace(LEVEL, '');
  return bare.length >= 2 ? bare : clean;
}
