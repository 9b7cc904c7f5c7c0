import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requirePermission } from '../access/permissions';
import { CalendarService } from '../calendar/calendar.service';
import { assertDay, CalendarGapError } from '../calendar/work-calendar';
import { Clock } from '../common/clock';
import { PlansService } from '../plans/plans.service';
import { DEFAULT_POLICY } from '../reminders/reminder-policy';
import type { TaskStatus } from '../tasks/task-status';
import type { UnacknowledgedItemDto, UnacknowledgedViewDto, UnitUnacknowledgedDto } from './dto/supervision.dto';
import { MemoCalendar } from './memo-calendar';
import type { SupervisionQuery } from './supervision.service';

interface Row {
  unit_id: string;
  unit_name: string;
  role: string;
  assigned_at: Date;
  assigned_day: string;
  task_id: string;
  number: number;
  content: string;
  due_date: string;
  status: TaskStatus;
}

/** The instant the Shanghai day after asOf begins: "by the end of asOf" is `< $bound`. */
const END_OF_AS_OF = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * 未签收: per unit, the open tasks (as of asOf) it had been given and had not signed by the end of asOf, with the
 * working days since it was given each, the longest-waiting first.
 */
@Injectable()
export class UnacknowledgedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly plans: PlansService,
    private readonly clock: Clock,
  ) {}

  async view(query: SupervisionQuery): Promise<UnacknowledgedViewDto> {
    requirePermission('read:all');
    const asOf = query.asOf ?? this.clock.today();
    assertDay(asOf);
    await this.plans.findOrFail(query.planId);
    const [policy] = await this.dataSource.query(`SELECT acknowledge_within_workdays FROM reminder_policy WHERE plan_id = $1`, [query.planId]);
    const within: number = policy?.acknowledge_within_workdays ?? DEFAULT_POLICY.acknowledgeWithinWorkdays;
    const rows: Row[] = await this.dataSource.query(
      `SELECT a.unit_id, u.name AS unit_name, a.role, a.assigned_at,
              to_char(a.assigned_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS assigned_day,
              t.id AS task_id, t.number, t.content, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, s.status
         FROM task_assignment a
         JOIN task t ON t.id = a.task_id
         JOIN unit u ON u.id = a.unit_id
        CROSS JOIN LATERAL (
              SELECT coalesce((SELECT e.to_status FROM task_event e
                                WHERE e.task_id = t.id AND e.to_status IS NOT NULL AND e.at < ${END_OF_AS_OF}
                                ORDER BY e.at DESC, e.id DESC LIMIT 1), 'not_started') AS status) s
        WHERE t.plan_id = $1
          AND a.assigned_at < ${END_OF_AS_OF}
          AND (a.acknowledged_at IS NULL OR a.acknowledged_at >= ${END_OF_AS_OF})
          AND s.status IN ('not_started', 'in_progress', 'completion_requested')`,
      [query.planId, asOf],
    );

    // Assignments made by one import share their day: count each span once.
    const calendar = new MemoCalendar(await this.calendars.load());
    const warnings = new Set<string>();
    const byUnit = new Map<string, UnitUnacknowledgedDto>();
    for (const row of rows) {
      let workdays: number | null = null;
      try {
        workdays = calendar.workdaysBetween(row.assigned_day, asOf);
      } catch (error) {
        if (!(error instanceof CalendarGapError)) throw error;
        warnings.add(error.message);
      }
      const item: UnacknowledgedItemDto = {
        task: { id: row.task_id, number: row.number, content: row.content, dueDate: row.due_date, status: row.status },
        role: row.role,
        assignedAt: new Date(row.assigned_at).toISOString(),
        workdaysSinceAssigned: workdays,
        overdue: within > 0 && workdays !== null && workdays > within,
      };
      const unit = byUnit.get(row.unit_id) ?? { unit: { id: row.unit_id, name: row.unit_name }, count: 0, tasks: [] };
      unit.tasks.push(item);
      unit.count++;
      byUnit.set(row.unit_id, unit);
    }
    const waited = (item: UnacknowledgedItemDto) => item.workdaysSinceAssigned ?? -1;
    const units = [...byUnit.values()];
    for (const unit of units) {
      unit.tasks.sort((a, b) => waited(b) - waited(a) || a.assignedAt.localeCompare(b.assignedAt) || a.task.number - b.task.number);
    }
    units.sort(
      (a, b) => waited(b.tasks[0]!) - waited(a.tasks[0]!) || b.count - a.count || a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN'),
    );
    return { asOf, acknowledgeWithinWorkdays: within, total: rows.length, units, warnings: [...warnings] };
  }
}
