import type { OutlineNode } from '../outline/outline.parser';

// Chapters about the situation, guiding thought, principles or goals hold no tasks. A chapter is
// judged by its heading words, so `战略方针和目标` and `总体要求` are out while `重点领域和主攻方向`,
// `主要任务和重点工程` and `保障措施和推进机制` are in.
const GOAL_WORDS =
  /(总体要求|指导思想|基本原则|基本方针|发展形势|形势|主要目标|发展目标|战略目标|总体目标|工作目标|目标|原则|意义|背景|现状|发展基础|编制依据|总体思路|基本思路|工作思路|发展定位)/;
const TASK_WORDS =
  /(任务|措施|保障|重点|工程|行动|举措|领域|方向|路径|机制|实施|推进|建设|支撑|政策)/;

// Below chapter level only a heading made of these words alone is a goal / principle item.
const GOAL_ITEM =
  /^((总体要求|指导思想|基本原则|基本方针|发展形势|形势和环境|主要目标|发展目标|战略目标|总体目标|工作目标|总体思路|工作思路|工作原则|发展定位|重要意义|发展基础|发展环境)[和与及、]?)+$/;

// Closing chapters (`附则`: who interprets the plan, when it takes effect) hold no tasks either.
const CLOSING_CHAPTER = /^(附[\s\u3000]*则|附[\s\u3000]*录|其[他它]事项|附加说明)$/;

export function isGoalHeading(heading: string, topLevel: boolean): boolean {
  if (topLevel && CLOSING_CHAPTER.test(heading.trim())) return true;
  // `目标任务` (targets) is a goal phrase, not a task word.
  const h = heading.replace(/目标任务/g, '目标');
  if (topLevel) return GOAL_WORDS.test(h) && !TASK_WORDS.test(h);
  return GOAL_ITEM.test(h);
}

/**
 * Nodes excluded as goals / principles / situation, with everything under them. A numbered item
 * that assigns its own units (`hasOwnUnits`) is a task even there (a key-work list's
 * `确保完成全年主要预期目标` chapter names a lead unit for each target), and so are its ancestors.
 */
export function findExcluded(
  roots: OutlineNode[],
  hasOwnUnits: (node: OutlineNode) => boolean = () => false,
): Set<OutlineNode> {
  const excluded = new Set<OutlineNode>();
  const walk = (nodes: OutlineNode[], isRoot: boolean, inherited: boolean) => {
    for (const node of nodes) {
      const topLevel = isRoot || node.kind === 'part' || node.kind === 'chapter';
      const out = inherited || (node.kind !== 'box' && isGoalHeading(node.heading, topLevel));
      if (out) excluded.add(node);
      walk(node.children, false, out);
    }
  };
  walk(roots, true, false);
  const release = (nodes: OutlineNode[]): boolean => {
    let any = false;
    for (const node of nodes) {
      const below = release(node.children);
      const leafWithUnits =
        LEAF_KINDS.includes(node.kind) &&
        !node.children.some((c) => c.kind !== 'box') &&
        hasOwnUnits(node);
      if (below || leafWithUnits) {
        excluded.delete(node);
        any = true;
      }
    }
    return any;
  };
  // Only chapters whose every leaf item assigns units are released: a goals chapter with one
  // assigned target among plain goals stays out.
  for (const root of roots) {
    const leaves = leafItems(root);
    if (excluded.has(root) && leaves.length > 0 && leaves.every(hasOwnUnits)) release([root]);
  }
  return excluded;
}

/**
 * Tasks: every box, and every numbered item with no numbered item below it (a box below does not
 * count), outside the excluded chapters. A numbered item with numbered children is a container.
 */
export function isTaskNode(node: OutlineNode, excluded: Set<OutlineNode>): boolean {
  if (excluded.has(node)) return false;
  if (node.kind === 'box') return true;
  return !node.children.some((c) => c.kind !== 'box');
}

/** Numbered items that can be a goals chapter's assigned targets: `（一）`, `1．`, `（1）`. */
const LEAF_KINDS: OutlineNode['kind'][] = ['section', 'item', 'subitem'];

function leafItems(node: OutlineNode): OutlineNode[] {
  const inner = node.children.filter((c) => c.kind !== 'box');
  if (inner.length === 0) return LEAF_KINDS.includes(node.kind) ? [node] : [];
  return inner.flatMap(leafItems);
}
