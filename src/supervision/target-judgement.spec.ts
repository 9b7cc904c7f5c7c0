import { judgeTargets, type TargetProgress } from './target-judgement';
import { computeTimeliness } from './timeliness';
import { WorkCalendar } from '../calendar/work-calendar';

const target = (overrides: Partial<TargetProgress>): TargetProgress => ({
  metric: '生产总值',
  comparator: 'at_least',
  value: 8,
  unit: '%',
  actual: null,
  ...overrides,
});

describe('judgeTargets (指标预警规则)', () => {
  it('judges a rate as reported: 增长 7.8% misses 增长 8%; 8% meets it', () => {
    expect(judgeTargets([target({ actual: 7.8 })], 50, 10)).toEqual({
      short: true,
      reasons: ['指标“生产总值”实际 7.8%，未达目标（不低于 8%）'],
    });
    expect(judgeTargets([target({ actual: 8 })], 50, 10).short).toBe(false);
  });

  it('a ceiling (控制在5.5%以内) is missed only above it; 左右 allows a tenth below', () => {
    const ceiling = target({ metric: '城镇调查失业率', comparator: 'at_most', value: 5.5 });
    expect(judgeTargets([{ ...ceiling, actual: 5.5 }], 50, 10).short).toBe(false);
    expect(judgeTargets([{ ...ceiling, actual: 5.6 }], 50, 10).short).toBe(true);
    const about = target({ metric: '城镇化率', comparator: 'about', value: 1.3, unit: '个百分点' });
    expect(judgeTargets([{ ...about, actual: 1.17 }], 50, 10).short).toBe(false);
    expect(judgeTargets([{ ...about, actual: 1.16 }], 50, 10).short).toBe(true);
  });

  it('a quantity is compared with its 序时 share: 2.9万亩 at 序时 50% wants 1.45, lags beyond 10 points', () => {
    const farmland = target({ metric: '高标准农田', value: 2.9, unit: '万亩' });
    // 1.16 / 2.9 = 40% = 50 − 10: still within the tolerance.
    expect(judgeTargets([{ ...farmland, actual: 1.16 }], 50, 10).short).toBe(false);
    expect(judgeTargets([{ ...farmland, actual: 1.1 }], 50, 10)).toEqual({
      short: true,
      reasons: ['指标“高标准农田”累计 1.1万亩，低于序时目标 1.45万亩（目标 2.9万亩，序时进度 50%）'],
    });
  });

  it('a target without an actual is not judged (未报送 is its own rule)', () => {
    expect(judgeTargets([target({ actual: null })], 100, 10)).toEqual({ short: false, reasons: [] });
  });

  it('turns an open indicator yellow with the reason; a completed one stays green', () => {
    const calendar = new WorkCalendar();
    const input = {
      dueDate: '2021-12-31',
      status: 'in_progress' as const,
      startDate: '2021-01-01',
      latestPercent: 80,
      reportedForClosedPeriod: true,
      closedPeriodApplies: true,
      indicatorTargets: [target({ actual: 7.8 })],
    };
    const open = computeTimeliness(input, '2021-07-01', calendar);
    expect(open).toMatchObject({ light: 'yellow', targetsShort: true, reasons: ['指标“生产总值”实际 7.8%，未达目标（不低于 8%）'] });
    expect(computeTimeliness({ ...input, status: 'completed' }, '2021-07-01', calendar)).toMatchObject({ light: 'green', targetsShort: false });
  });
});
