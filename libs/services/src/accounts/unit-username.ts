import { createHash } from 'node:crypto';

// Pinyin initials of the characters that occur in agency names, for readable ASCII usernames.
const INITIALS: Record<string, string> = Object.fromEntries(
  `一y 下x 专z 业y 中z 为w 乡x 交j 产c 人r 他t 任r 会h 位w 住z 作z 促c 保b 信x 先x 党d 入r 全q 公g 六l 关g
   其q 农n 出c 分f 制z 力l 办b 务w 化h 北b 区q 单d 南n 卫w 厅t 双s 发f 司s 各g 合h 同t 员y 品p 商s 器q 团t
   国g 在z 地d 场c 城c 境j 备b 外w 大d 头t 委w 宁n 安a 家j 导d 小x 局j 展z 岸a 州z 工g 市s 带d 席x 广g 府f
   建j 开k 心x 息x 成c 房f 技j 投t 护h 指z 挥h 据j 排p 推t 支z 改g 政z 教j 数s 新x 方f 智z 有y 机j 权q 林l
   柳l 柴c 检j 民m 江j 治z 济j 海h 港g 湾w 源y 然r 牵q 玉y 环h 珠z 理l 生s 电d 疫y 百b 监j 目m 相x 省s 知z
   社s 科k 程c 税s 端d 第d 等d 管g 组z 经j 网w 联l 育y 能n 自z 药y 融r 行h 装z 西x 计j 议y 设s 证z 识s 财c
   责z 质z 资z 路l 输s 运y 进j 通t 造z 部b 配p 金j 铁t 银y 门m 际j 限x 障z 集j 非f 革g 项x 领l 食s 驻z 验y
   高g 东d 京j 深s 圳z 佛f 山s 惠h 肇z 庆q 阳y 顺s 德d 梧w 桂g 贵g 钦q 防f 色s 贺h 河h 池c 来l 宾b 崇c 左z
   县x 镇z 院y 署s 统t 审s 航h 空k 气q 象x 文w 旅l 游y 体t 水s 利l 应y 急j 法f 事s 侨q 台t 澳a 协x 青q 妇f
   残c 红h 十s 字z 邮y 储c 招z 标b 督d 战z 宣x 传c 织z 编b 纪j 察c 险x 券q 期q 货h 粮l 物w 流l 版b 播b 视s
   影y 闻w 烟y 草c 盐y 洋y 渔y 测c 绘h 震z 矿k 煤m 石s 油y 钢g 汽q 车c 船c 舶b 口k 盟m 博b 览l 贸m 易y 批p
   服f 学x 研y 究j 所s 校x 企q 移y 动d 讯x 用y 央y 务w 执z 二e 三s 四s 五w 七q 八b 九j 壮z 族z 级j 站z 园y`
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => [pair[0], pair.slice(1)]),
);

// Words that add nothing to a short name.
const SKIPPED = new Set(['和', '的', '及', '与']);

const REGION_PREFIXES: [RegExp, string][] = [
  [/^(广西壮族自治区|广西|自治区)/, 'gx'],
  [/^(广东省|广东|省)/, 'gd'],
  [/^(国家|国务院)(?=.)/, 'cn'],
];

/** The readable part of a unit's username: a region tag and the pinyin initials of the rest. */
export function unitSlug(name: string): string {
  let rest = name.trim();
  let region = '';
  for (const [pattern, tag] of REGION_PREFIXES) {
    if (pattern.test(rest)) {
      region = tag;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  const initials = [...rest]
    .filter((c) => !SKIPPED.has(c))
    .map((c) => (/[A-Za-z0-9]/.test(c) ? c.toLowerCase() : (INITIALS[c] ?? '')))
    .join('')
    .slice(0, 16);
  const base = initials || 'unit';
  return region ? `${region}-${base}` : base;
}

export const nameHash = (name: string): string =>
  createHash('sha1').update(name).digest('hex').slice(0, 4);

/**
 * Usernames for a set of unit names: deterministic and unique. Names whose slugs collide all get a
 * short hash of the name appended, so no unit's username depends on the order units were imported.
 */
export function unitUsernames(
  names: readonly string[],
  reserved: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  for (const name of new Set(names)) {
    const slug = unitSlug(name);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), name]);
  }
  const out = new Map<string, string>();
  for (const [slug, group] of bySlug) {
    for (const name of group) {
      const clash = group.length > 1 || reserved.has(slug) || slug === 'unit';
      out.set(name, clash ? `${slug}-${nameHash(name)}` : slug);
    }
  }
  return out;
}
