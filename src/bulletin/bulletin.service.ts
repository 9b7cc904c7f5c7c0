import { Injectable } from '@nestjs/common';
import { ScoringService } from '../scoring/scoring.service';
import { judgeTargets } from '../supervision/target-judgement';
import type { PlanSnapshot, TaskSnapshot } from '../supervision/supervision-snapshot';
import { SupervisionService } from '../supervision/supervision.service';
import { COMPARATOR_LABELS } from '../targets/target-parser';
import type { BulletinDto, BulletinIndicatorDto, BulletinQueryDto, BulletinTaskDto } from './dto/bulletin.dto';
import { bulletinDocx } from './bulletin-docx';

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function taskLine(task: TaskSnapshot): BulletinTaskDto {
  return {
    number: task.number,
    content: task.content,
    units: [...task.units.lead, ...task.units.responsible].map((u) => u.name).join('、'),
    dueDate: task.dueDate,
    completedOn: task.completedOn,
    light: task.timeliness.light,
    reasons: task.timeliness.reasons,
  };
}

/** Each target of the plan's indicators against its latest actual, judged by the 指标预警规则. */
function indicators(snapshot: PlanSnapshot): BulletinIndicatorDto[] {
  return snapshot.tasks
    .filter((task) => task.kind === 'indicator')
    .flatMap((task) =>
      task.targets.map((t) => {
        const judged = judgeTargets([t], task.timeliness.expectedPercent, snapshot.policy.behindTolerance);
        return {
          number: task.number,
          metric: t.metric,
          target: `${COMPARATOR_LABELS[t.comparator]} ${t.value}${t.unit}`,
          actual: t.actual,
          unit: t.unit,
          period: t.actualPeriod,
          standing: t.actual === null ? '未报送' : judged.short ? '未达标' : '达标',
        };
      }),
    );
}

/**
 * The monthly 督查通报 of a plan as of a day: every figure from the snapshot and the scores of that day, so the same
 * asOf always gives the same bulletin, whatever was reported since.
 */
@Injectable()
export class BulletinService {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly scoring: ScoringService,
  ) {}

  async bulletin(query: BulletinQueryDto): Promise<BulletinDto> {
    const snapshot = await this.supervision.snapshot(query);
    const scores = await this.scoring.scoresOf(snapshot);
    const count = (test: (task: TaskSnapshot) => boolean) => snapshot.tasks.filter(test).length;
    const tasks = snapshot.tasks.length;
    const completed = count((task) => task.status === 'completed');

    const missing = new Map<string, { unit: { id: string; name: string }; tasks: number[] }>();
    if (snapshot.reportsChecked) {
      for (const task of snapshot.tasks.filter((x) => x.timeliness.open)) {
        for (const unit of [...task.units.lead, ...task.units.responsible]) {
          if (task.reportedUnits.has(unit.id)) continue;
          const entry = missing.get(unit.id) ?? { unit: { id: unit.id, name: unit.name }, tasks: [] };
          if (!entry.tasks.includes(task.number)) entry.tasks.push(task.number);
          missing.set(unit.id, entry);
        }
      }
    }

    return {
      title: query.title?.trim() || '督查通报',
      docNumber: query.docNumber?.trim() || null,
      issuer: query.issuer?.trim() || '督查室',
      planTitle: snapshot.plan.title,
      asOf: snapshot.asOf,
      dateText: chineseDate(snapshot.asOf),
      period: snapshot.period,
      preface: query.preface?.trim() || null,
      figures: {
        tasks,
        completed,
        inProgress: count((task) => task.status === 'in_progress' || task.status === 'completion_requested'),
        notStarted: count((task) => task.status === 'not_started'),
        red: count((task) => task.timeliness.light === 'red'),
        yellow: count((task) => task.timeliness.light === 'yellow'),
        green: count((task) => task.timeliness.light === 'green'),
        grey: count((task) => task.timeliness.light === 'grey'),
        overdue: count((task) => task.timeliness.overdue),
        unreported: count((task) => task.timeliness.unreported),
        completionRate: percent(completed, tasks),
      },
      completed: snapshot.tasks
        .filter((task) => task.status === 'completed')
        .sort((a, b) => a.completedOn!.localeCompare(b.completedOn!) || a.number - b.number)
        .map(taskLine),
      red: snapshot.tasks.filter((task) => task.timeliness.light === 'red').map(taskLine),
      yellow: snapshot.tasks.filter((task) => task.timeliness.light === 'yellow').map(taskLine),
      ranking: scores.items.map(({ rank, unit, score, bonus, deductions }) => ({ rank, unit, score, bonus, deductions })),
      notReported: [...missing.values()].sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN')),
      indicators: indicators(snapshot),
      praise: query.praise ?? [],
      criticism: query.criticism ?? [],
      warnings: scores.warnings,
    };
  }

  async docx(query: BulletinQueryDto): Promise<{ filename: string; asciiFilename: string; content: Buffer }> {
    const bulletin = await this.bulletin(query);
    return {
      filename: `${bulletin.title}_${bulletin.asOf}.docx`,
      asciiFilename: `bulletin-${bulletin.asOf}.docx`,
      content: await bulletinDocx(bulletin),
    };
  }
}
