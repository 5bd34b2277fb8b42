import {
  addDays,
  escalationLevelName,
  pageLinks,
  periodLabelEn,
  periodLabelZh,
  shanghaiDate,
} from '@tracker/domain';
import { CycleProgress, DeferredNotice, DigestItem } from '@tracker/notify';
import { EntityManager } from 'typeorm';
import { DigestItemRow, DigestsRepository } from '@tracker/database';

// The reads behind each digest section; each returns ready-to-compose items.

export interface DigestWindow {
  from: Date;
  to: Date;
  today: string;
  publicUrl: string;
}

function noteOf(r: DigestItemRow): DigestItem['note'] {
  if (r.noteKind === 'period' && r.note)
    return {
      zh: `${periodLabelZh(String(r.note))}进展报告`,
      en: `report for ${periodLabelEn(String(r.note))}`,
    };
  if (r.noteKind === 'deadline') return { zh: '完成时限', en: 'task deadline' };
  if (r.noteKind === 'level' && r.note !== null) {
    const name = escalationLevelName(Number(r.note));
    return { zh: name.zh, en: name.en };
  }
  return null;
}

const toItems = (rows: DigestItemRow[], w: DigestWindow): DigestItem[] =>
  rows.map((r) => ({
    documentTitle: r.documentTitle,
    taskLabel: r.taskPath.join(''),
    heading: r.heading,
    unitName: r.unitName,
    on: typeof r.at === 'string' ? r.at : shanghaiDate(r.at),
    url: pageLinks(w.publicUrl).task(r.taskId),
    note: noteOf(r),
  }));

/** Reports and task deadlines of the unit (and its former names) due within 14 days, and those overdue. */
export async function agencyDeadlines(
  em: EntityManager,
  unitId: string,
  w: DigestWindow,
): Promise<{ dueSoon: DigestItem[]; overdue: DigestItem[] }> {
  const digests = new DigestsRepository(em);
  const reports = await digests.reportsDue(
    unitId,
    w.to,
    new Date(w.to.getTime() + 14 * 86_400_000),
  );
  const deadlines = await digests.deadlinesDue(unitId, w.today, addDays(w.today, 14));
  const all = [...reports, ...deadlines];
  return {
    dueSoon: toItems(
      all.filter((r) => !r.overdue),
      w,
    ),
    overdue: toItems(
      all.filter((r) => r.overdue),
      w,
    ),
  };
}

export async function awaitingAck(
  em: EntityManager,
  unitId: string,
  w: DigestWindow,
): Promise<DigestItem[]> {
  return toItems(await new DigestsRepository(em).awaitingAck(unitId), w);
}

export async function returnedReports(
  em: EntityManager,
  unitId: string,
  w: DigestWindow,
): Promise<DigestItem[]> {
  return toItems(await new DigestsRepository(em).returnedReports(unitId), w);
}

/** Escalations raised in the window; `minLevel` 3 gives what was raised to the leaders. */
export async function escalationsRaised(
  em: EntityManager,
  w: DigestWindow,
  minLevel: number,
): Promise<DigestItem[]> {
  return toItems(await new DigestsRepository(em).escalationsRaised(w.from, w.to, minLevel), w);
}

export function cycleProgress(em: EntityManager): Promise<CycleProgress[]> {
  return new DigestsRepository(em).cycleProgress();
}

/** The user's in-app notices of the window whose kind they chose to get in this digest. */
export async function deferredNotices(
  em: EntityManager,
  userId: string,
  cadence: string,
  w: DigestWindow,
): Promise<DeferredNotice[]> {
  const rows = await new DigestsRepository(em).deferredNotices(userId, cadence, w.from, w.to);
  return rows.map((r) => ({
    title: r.title,
    titleEn: r.titleEn,
    on: shanghaiDate(r.createdAt),
    url: r.taskId ? pageLinks(w.publicUrl).task(r.taskId) : pageLinks(w.publicUrl).inbox(),
  }));
}
