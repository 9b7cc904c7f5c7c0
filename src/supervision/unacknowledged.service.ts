import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { CalendarService } from '../calendar/calendar.service';
import { assertDay, CalendarGapError } from '../calendar/work-calendar';
import { Clock } from '../common/clock';
import { DEFAULT_POLICY } from '../reminders/reminder-policy';
import type { UnacknowledgedItemDto, UnacknowledgedViewDto, UnitUnacknowledgedDto } from './dto/supervision.dto';
import { MemoCalendar } from './memo-calendar';
import { SupervisionRepository } from './supervision.repository';
import type { SupervisionQuery } from './supervision.service';

/**
 * 未签收: per unit, the open tasks (as of asOf) it had been given and had not signed by the end of asOf, with the
 * working days since it was given each, the longest-waiting first.
 */
@Injectable()
export class UnacknowledgedService {
  constructor(
    private readonly repository: SupervisionRepository,
    private readonly calendars: CalendarService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async view(query: SupervisionQuery): Promise<UnacknowledgedViewDto> {
    requirePermission('read:all');
    const asOf = query.asOf ?? this.clock.today();
    assertDay(asOf);
    await this.access.requireReadPlan(query.planId);
    const within = (await this.repository.acknowledgeWithinWorkdays(query.planId)) ?? DEFAULT_POLICY.acknowledgeWithinWorkdays;
    const rows = await this.repository.unacknowledged(query.planId, asOf);

    // Assignments made by one import share their day: count each span once.
    const calendar = new MemoCalendar(await this.calendars.load());
    const warnings = new Set<string>();
    const byUnit = new Map<string, UnitUnacknowledgedDto>();
    for (const row of rows) {
      let workdays: number | null = null;
      try {
        workdays = calendar.workdaysBetween(row.assignedDay, asOf);
      } catch (error) {
        if (!(error instanceof CalendarGapError)) throw error;
        warnings.add(error.message);
      }
      const item: UnacknowledgedItemDto = {
        task: row.task,
        role: row.role,
        assignedAt: row.assignedAt.toISOString(),
        workdaysSinceAssigned: workdays,
        overdue: within > 0 && workdays !== null && workdays > within,
      };
      const unit = byUnit.get(row.unit.id) ?? { unit: row.unit, count: 0, tasks: [] };
      unit.tasks.push(item);
      unit.count++;
      byUnit.set(row.unit.id, unit);
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
