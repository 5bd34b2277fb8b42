import { rollUpSubtasks, SubtaskFacts, subtaskColour } from './rollup';

const sub = (over: Partial<SubtaskFacts>): SubtaskFacts => ({
  title: '子任务',
  ownerName: '某处',
  dueOn: '2020-12-31',
  status: 'not_started',
  percent: 0,
  reported: [],
  progressNote: null,
  ...over,
});
const TARGETS = [
  { text: '新建基站', unit: '个' },
  { text: '完成投资', unit: '亿元' },
];

describe('subtaskColour', () => {
  it.each([
    ['in_progress', '2020-08-02', '2020-08-03', 'red'],
    ['done', '2020-08-02', '2020-08-03', 'done'],
    ['not_started', '2020-08-03', '2020-08-03', 'amber'],
    ['in_progress', '2020-09-02', '2020-08-03', 'amber'],
    ['in_progress', '2020-09-03', '2020-08-03', 'green'],
  ] as const)('a %s sub-task due %s is %s on %s', (status, dueOn, today, colour) => {
    expect(subtaskColour({ status, dueOn }, today)).toBe(colour);
  });
});

describe('rollUpSubtasks', () => {
  it('sums each target over the sub-tasks that reported it, in decimals without float noise', () => {
    const r = rollUpSubtasks(
      TARGETS,
      [
        sub({ reported: [{ index: 1, value: 1.1 }] }),
        sub({
          reported: [
            { index: 1, value: 2.2 },
            { index: 0, value: 3 },
          ],
        }),
        sub({ reported: [{ index: 7, value: 100 }] }),
      ],
      '2020-08-03',
    );
    expect(r.targetValues).toEqual([
      { index: 0, target: '新建基站', value: 3 },
      { index: 1, target: '完成投资', value: 3.3 },
    ]);
  });

  it('counts the statuses and the overdue ones, one line per sub-task', () => {
    const r = rollUpSubtasks(
      TARGETS,
      [
        sub({ title: '甲', ownerName: '一处', status: 'done', percent: 100, dueOn: '2020-07-01' }),
        sub({
          title: '乙',
          ownerName: '二处',
          status: 'in_progress',
          percent: 40,
          dueOn: '2020-08-01',
          progressNote: '滞后。',
        }),
      ],
      '2020-08-03',
    );
    expect(r.narrative.split('\n')).toEqual([
      '本任务分解为2项子任务：已完成1项，推进中1项，未启动0项，其中1项已逾期。',
      '1. 甲（责任：一处，期限：2020-07-01）：已完成，进度100%。',
      '2. 乙（责任：二处，期限：2020-08-01）：推进中，进度40%（已逾期）。滞后。',
    ]);
    expect(r.targetValues).toEqual([]);
  });

  it('says so when there is nothing to roll up', () => {
    expect(rollUpSubtasks(TARGETS, [], '2020-08-03')).toEqual({
      narrative: '本任务尚未分解子任务。',
      targetValues: [],
    });
  });
});
