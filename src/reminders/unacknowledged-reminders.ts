import type { EntityManager } from 'typeorm';
import { CalendarGapError, type WorkCalendar } from '../calendar/work-calendar';
import { MemoCalendar } from '../supervision/memo-calendar';
import { lastStatusChangeSql, OPEN_STATUSES, STATUS_AS_OF_SQL } from '../tasks/task-rules';
import type { Candidate } from './reminder-scan.service';
import { DEFAULT_POLICY } from './reminder-policy';
import { reminderMessage } from './reminder-texts';

interface UnsignedAssignment {
  task_id: string;
  plan_id: string;
  plan_title: string;
  number: number;
  content: string;
  due_date: string;
  unit_id: string;
  assigned_day: string;
  within: number;
  repeat: number;
}

/**
 * 签收 reminders (README "Reminders"): a unit that has not signed a task by the end of the N-th workday after the day
 * it was assigned (plan policy acknowledgeWithinWorkdays, 0: never) is reminded on the next workday, then every
 * overdueRepeatWorkdays, until it signs. The task's status is read as of the day scanned, as the lights read it; a
 * 签收 stops the reminders whenever it was made, so a catch-up scan never nags a unit that has signed since.
 * The key names the round, so each reminder is made once.
 */
export async function unacknowledgedCandidates(
  manager: EntityManager,
  asOf: string,
  calendar: WorkCalendar,
  baseUrl: string,
): Promise<{ candidates: Candidate[]; warnings: string[] }> {
  const rows: UnsignedAssignment[] = await manager.query(
    `SELECT t.id AS task_id, t.plan_id, p.title AS plan_title, t.number, t.content,
            to_char(t.due_date, 'YYYY-MM-DD') AS due_date, a.unit_id,
            to_char(a.assigned_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS assigned_day,
            coalesce(rp.acknowledge_within_workdays, $2) AS within,
            coalesce(rp.overdue_repeat_workdays, $3) AS repeat
       FROM task_assignment a
       JOIN task t ON t.id = a.task_id
       JOIN plan p ON p.id = t.plan_id
       LEFT JOIN reminder_policy rp ON rp.plan_id = p.id
      ${lastStatusChangeSql('t', '$1')}
      WHERE a.acknowledged_at IS NULL
        AND ${STATUS_AS_OF_SQL} = ANY($4::text[])
        AND coalesce(rp.enabled, true)
        AND coalesce(rp.acknowledge_within_workdays, $2) > 0
        AND (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date < $1::date
      ORDER BY p.id, t.number, a.role, a.position`,
    [asOf, DEFAULT_POLICY.acknowledgeWithinWorkdays, DEFAULT_POLICY.overdueRepeatWorkdays, OPEN_STATUSES],
  );
  // Assignments made by one import share their day: count each span once.
  const memo = new MemoCalendar(calendar);
  const candidates: Candidate[] = [];
  const warnings: string[] = [];
  for (const row of rows) {
    let elapsed: number;
    try {
      elapsed = memo.workdaysBetween(row.assigned_day, asOf);
    } catch (error) {
      if (!(error instanceof CalendarGapError)) throw error;
      warnings.push(`《${row.plan_title}》第${row.number}项未生成签收提醒：${error.message}`);
      continue;
    }
    if (elapsed <= row.within) continue;
    const round = Math.floor((elapsed - row.within - 1) / row.repeat);
    candidates.push({
      key: `unacknowledged:${row.task_id}:${row.unit_id}:${row.assigned_day}:${round}`,
      planId: row.plan_id,
      taskId: row.task_id,
      unitId: row.unit_id,
      kind: 'unacknowledged',
      level: 1,
      dueDate: row.due_date,
      period: null,
      workdaysOverdue: elapsed - row.within,
      message: reminderMessage('unacknowledged', {
        planTitle: row.plan_title,
        taskNumber: row.number,
        content: row.content,
        dueDate: row.due_date,
        link: `${baseUrl}/tasks/${row.task_id}`,
        assignedDay: row.assigned_day,
        workdaysSinceAssigned: elapsed,
      }),
    });
  }
  return { candidates, warnings };
}
