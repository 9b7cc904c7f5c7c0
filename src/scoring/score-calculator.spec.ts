import { computeScores, type ScoreFact } from './score-calculator';
import { closedPeriods } from './score-facts';
import { DEFAULT_SCORING_RULES } from './scoring-rules';

const A = { id: 'a', name: '甲局' };
const B = { id: 'b', name: '乙局' };
const task = (number: number) => ({ id: `t${number}`, number });

describe('computeScores', () => {
  it('starts every unit at the base and adds its events; ties rank by name', () => {
    const facts: ScoreFact[] = [
      { kind: 'on_time_completion', unitIds: ['a'], task: task(1), day: '2021-09-26' },
      { kind: 'missing_report', unitId: 'b', task: task(2), period: '2021-08' },
      { kind: 'missing_report', unitId: 'a', task: task(3), period: '2021-08' },
    ];
    expect(computeScores([B, A], facts, DEFAULT_SCORING_RULES).map((s) => [s.rank, s.unit.name, s.score, s.bonus, s.deductions])).toEqual([
      [1, '甲局', 101, 2, 1],
      [2, '乙局', 99, 0, 1],
    ]);
  });

  it('caps one task’s lateness and says so; extensions cost only beyond the allowed number', () => {
    const facts: ScoreFact[] = [
      { kind: 'overdue', unitIds: ['a'], task: task(1), workdays: 30, completed: false },
      { kind: 'extension', unitId: 'a', task: task(2), day: '2021-08-11', nth: 1 },
      { kind: 'extension', unitId: 'a', task: task(2), day: '2021-09-21', nth: 2 },
    ];
    const [score] = computeScores([A], facts, DEFAULT_SCORING_RULES);
    expect(score!.events.map((e) => [e.kind, e.points, e.detail])).toEqual([
      ['overdue', -10, '第1项逾期未办结，逾期 30 个工作日（已达单项扣分上限）'],
      ['extension_beyond', -2, '第2项第 2 次延期（2021-09-21 批准，超过 1 次）'],
    ]);
    expect(score!.score).toBe(88);
  });

  it('leaves out events a zero rule makes worth nothing', () => {
    const facts: ScoreFact[] = [{ kind: 'completion_returned', unitId: 'a', task: task(1), day: '2021-09-23' }];
    expect(computeScores([A], facts, { ...DEFAULT_SCORING_RULES, completionReturned: 0 })[0]!.events).toEqual([]);
  });
});

describe('closedPeriods', () => {
  it('lists the periods whose cutoff lies after the plan start and before asOf', () => {
    expect(closedPeriods('2021-07-01', '2021-10-15', 'monthly', 25)).toEqual(['2021-07', '2021-08', '2021-09']);
    expect(closedPeriods('2021-07-01', '2021-10-26', 'monthly', 25)).toEqual(['2021-07', '2021-08', '2021-09', '2021-10']);
    expect(closedPeriods('2021-01-01', '2021-10-15', 'quarterly', 25)).toEqual(['2021-Q1', '2021-Q2', '2021-Q3']);
  });
});
