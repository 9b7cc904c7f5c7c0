import type { OverdueItemDto, SupervisedTaskDto } from './dto/supervision.dto';
import type { ViewScope, ViewTaskRow, ViewTaskUnit } from './supervision.repository';
import { DEFAULT_POLICY, indicatorJudgement, timelinessReasons } from './timeliness';

/**
 * The views' items from their rows (ViewTaskRow: a task complete with its row of the SQL task rules). Pure; the
 * reasons are worded by timelinessReasons, as for the snapshot's tasks.
 */

const names = (units: ViewTaskUnit[], role: ViewTaskUnit['role']) => units.filter((u) => u.role === role).map(({ id, name }) => ({ id, name }));

function reasons(row: ViewTaskRow, scope: ViewScope): string[] {
  const tolerance = DEFAULT_POLICY.behindTolerance;
  const targets = (row.targets ?? []).map((t) => ({
    metric: t.metric,
    comparator: t.comparator,
    value: Number(t.value),
    unit: t.unit,
    actual: t.actual === null ? null : Number(t.actual),
  }));
  const calendarGaps = [row.overdue_gap_year, row.due_soon_gap_year].filter((year): year is number => year !== null);
  return timelinessReasons(
    {
      status: row.status_as_of,
      dueDate: row.due_date,
      overdue: row.overdue,
      daysOverdue: row.days_overdue,
      workdaysOverdue: row.workdays_overdue,
      dueSoon: row.due_soon,
      workdaysLeft: row.workdays_left,
      calendarGaps,
      expectedPercent: row.expected_percent,
      latestPercent: row.latest_percent,
      behindSchedule: row.behind_schedule,
      unreported: row.unreported,
      light: row.light,
    },
    {
      asOf: scope.asOf,
      closedPeriod: scope.period,
      behindTolerance: tolerance,
      targetReasons: indicatorJudgement(row.open, row.kind === 'indicator' ? targets : undefined, row.expected_percent, tolerance).reasons,
    },
  );
}

const flags = (row: ViewTaskRow) => ({
  overdue: row.overdue,
  dueSoon: row.due_soon,
  behindSchedule: row.behind_schedule,
  unreported: row.unreported,
});

/** A row of the overdue board (and the 驾驶舱's most overdue). */
export function overdueItem(row: ViewTaskRow, scope: ViewScope): OverdueItemDto {
  return {
    task: {
      id: row.id,
      number: row.number,
      content: row.content,
      section: row.section,
      subsection: row.subsection,
      lead: names(row.units, 'lead'),
      responsible: names(row.units, 'responsible'),
    },
    dueDate: row.due_date,
    status: row.status_as_of,
    daysOverdue: row.days_overdue,
    workdaysOverdue: row.workdays_overdue,
    expectedPercent: row.expected_percent,
    latestPercent: row.latest_percent,
    lastReportAt: row.latest_report_at ? new Date(row.latest_report_at).toISOString() : null,
    light: row.light,
    flags: flags(row),
    reasons: reasons(row, scope),
  };
}

/** A row of the register: the task as GET /api/tasks gives it, with its state and light as of the day. */
export function registerItem(row: ViewTaskRow, scope: ViewScope): SupervisedTaskDto {
  return {
    id: row.id,
    planId: row.plan_id,
    number: row.number,
    content: row.content,
    kind: row.kind,
    section: row.section,
    subsection: row.subsection,
    dueDate: row.due_date,
    status: row.status,
    version: row.version,
    lead: names(row.units, 'lead'),
    responsible: names(row.units, 'responsible'),
    cooperating: names(row.units, 'cooperating'),
    includesOtherUnits: row.includes_other_units,
    leaders: row.leaders,
    deadlineText: row.deadline_text,
    source: { kind: row.source_kind, documentNumber: row.source_document_number, date: row.source_date },
    origin: row.origin,
    unacknowledged: row.units.filter((u) => !u.signed).map(({ id, name, assignedAt }) => ({ id, name, assignedAt })),
    statusAsOf: row.status_as_of,
    light: row.light,
    flags: flags(row),
    reasons: reasons(row, scope),
    daysOverdue: row.days_overdue,
    workdaysOverdue: row.workdays_overdue,
    expectedPercent: row.expected_percent,
    latestPercent: row.latest_percent,
  };
}
