import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { calendarGapMessage, CalendarGapError, type WorkCalendar } from '../calendar/work-calendar';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import { lockForTransaction } from '../database/advisory-locks';
import { lastClosedPeriod, periodCutoff } from '../progress/reporting-period';
import { deadlineAsOf, lastStatusChangeSql, OPEN_STATUSES, STATUS_AS_OF_SQL } from '../tasks/task-rules';
import type { TaskStatus } from '../tasks/task-status';
import { DELIVER_JOB, DELIVERY_QUEUE } from '../queue/queues';
import { QUEUES, type Queues } from '../queue/queue.module';
import { reminderMessage, type ReminderKind } from './reminder-texts';
import { DEFAULT_POLICY, type ReminderPolicy } from './reminder-policy';
import { unacknowledgedCandidates } from './unacknowledged-reminders';

export interface ScanResult {
  asOf: string;
  created: number;
  alreadyExisting: number;
  skipped?: 'non_working_day' | 'no_calendar_data';
  deliveries: number;
  /** Tasks left out, and why (e.g. a due date in a year without calendar data): said, never guessed. */
  warnings: string[];
}

interface OpenTask {
  id: string;
  plan_id: string;
  plan_title: string;
  plan_start: string;
  reporting_cycle: 'monthly' | 'quarterly';
  report_cutoff_day: number;
  number: number;
  content: string;
  due_date: string;
  /** The status the task had at the end of asOf, as the lights read it. */
  status: TaskStatus;
  lead: string[];
  responsible: string[];
  /** The closed period a report is now owed for, and the units that have sent it. */
  period: string;
  reportedUnits: string[];
  policy: ReminderPolicy;
}

export interface Candidate {
  key: string;
  planId: string;
  taskId: string;
  unitId: string | null;
  kind: ReminderKind;
  level: 1 | 2;
  dueDate: string;
  period: string | null;
  workdaysOverdue: number | null;
  message: string;
}

const NOTHING = { created: 0, alreadyExisting: 0, deliveries: 0, warnings: [] as string[] };

/**
 * Recomputes from PostgreSQL what the ladder says is due as of a day, inserts each reminder once (unique key),
 * gathers each recipient's new reminders into one digest per channel and day, and queues the digests.
 * Running it twice, concurrently, or after a crash changes nothing the first run did.
 */
@Injectable()
export class ReminderScanService {
  private readonly logger = new Logger('reminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QUEUES) private readonly queues: Queues,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async scan(asOf: string = this.clock.today()): Promise<ScanResult> {
    let calendar: WorkCalendar;
    try {
      calendar = await this.calendars.load();
      if (!calendar.isWorkday(asOf)) return { ...NOTHING, asOf, skipped: 'non_working_day' };
    } catch (error) {
      if (!(error instanceof CalendarGapError)) throw error;
      this.logger.error(`Reminder scan for ${asOf} skipped: ${error.message}`);
      return { ...NOTHING, asOf, skipped: 'no_calendar_data', warnings: [error.message] };
    }
    const result = await this.dataSource.transaction(async (manager) => {
      // Serialises scans across processes: unique keys would hold without it, this keeps the counts exact.
      await lockForTransaction(manager, 'reminderScan');
      const warnings: string[] = [];
      const candidates = (await this.openTasks(manager, asOf)).flatMap((task) => {
        try {
          return this.ladder(task, asOf, calendar);
        } catch (error) {
          if (!(error instanceof CalendarGapError)) throw error;
          warnings.push(`《${task.plan_title}》第${task.number}项未生成提醒：${calendarGapMessage(error.year)}`);
          return [];
        }
      });
      const unsigned = await unacknowledgedCandidates(manager, asOf, calendar, this.env.APP_BASE_URL);
      candidates.push(...unsigned.candidates);
      warnings.push(...unsigned.warnings);
      const created = await this.insert(manager, candidates);
      const deliveries = await this.planDeliveries(manager, asOf);
      return { asOf, created, alreadyExisting: candidates.length - created, deliveries, warnings };
    });
    await this.enqueuePending();
    this.logger.log(`Reminder scan ${asOf}: ${result.created} new, ${result.alreadyExisting} already there, ${result.deliveries} digests`);
    for (const warning of result.warnings) this.logger.warn(warning);
    return result;
  }

  /** Gathers reminders made outside a scan (a manual 催办) into today's digests and queues them. */
  async deliverNow(day: string): Promise<number> {
    const created = await this.dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, 'reminderScan');
      return this.planDeliveries(manager, day);
    });
    await this.enqueuePending();
    return created;
  }

  /** Queues every digest not yet sent; the job id is the delivery id, so queueing twice is harmless. */
  async enqueuePending(): Promise<number> {
    const pending: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM reminder_delivery WHERE status = 'pending' AND channel <> 'inbox' ORDER BY created_at`,
    );
    for (const { id } of pending) await this.queues[DELIVERY_QUEUE].add(DELIVER_JOB, { deliveryId: id }, { jobId: id });
    return pending.length;
  }

  private async openTasks(manager: EntityManager, asOf: string): Promise<OpenTask[]> {
    const rows = await manager.query(
      `SELECT t.id, t.plan_id, p.title AS plan_title, to_char(p.start_date, 'YYYY-MM-DD') AS plan_start,
              p.reporting_cycle, p.report_cutoff_day, t.number, t.content, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
              ${STATUS_AS_OF_SQL} AS status,
              coalesce(array_agg(a.unit_id ORDER BY a.position) FILTER (WHERE a.role = 'lead'), '{}') AS lead,
              coalesce(array_agg(a.unit_id ORDER BY a.position) FILTER (WHERE a.role = 'responsible'), '{}') AS responsible,
              row_to_json(rp) AS policy
         FROM task t
         JOIN plan p ON p.id = t.plan_id
         LEFT JOIN reminder_policy rp ON rp.plan_id = p.id
         LEFT JOIN task_assignment a ON a.task_id = t.id
         ${lastStatusChangeSql('t', '$1')}
        WHERE ${STATUS_AS_OF_SQL} = ANY($2::text[])
          AND coalesce(rp.enabled, true)
        GROUP BY t.id, p.id, rp.*, last_change.to_status
        ORDER BY p.id, t.number`,
      [asOf, OPEN_STATUSES],
    );
    const tasks: OpenTask[] = rows.map((row: Record<string, any>) => ({
      ...row,
      policy: toPolicy(row.policy),
      period: lastClosedPeriod(asOf, row.reporting_cycle, row.report_cutoff_day),
      reportedUnits: [],
    }));
    const reported: Array<{ task_id: string; units: string[] }> = await manager.query(
      `SELECT r.task_id, array_agg(DISTINCT r.unit_id) AS units
         FROM progress_report r
         JOIN unnest($1::uuid[], $2::text[]) AS w(task_id, period) ON w.task_id = r.task_id AND w.period = r.period
        GROUP BY r.task_id`,
      [tasks.map((t) => t.id), tasks.map((t) => t.period)],
    );
    const byTask = new Map(reported.map((r) => [r.task_id, r.units]));
    for (const task of tasks) task.reportedUnits = byTask.get(task.id) ?? [];
    return tasks;
  }

  /**
   * The ladder (README "Reminders") applied to one open task as of a working day. Overdue and due soon are the
   * task rules' (the lights' own), so a reminder's "overdue" is the light's overdue flag for that task and day.
   */
  private ladder(task: OpenTask, asOf: string, calendar: WorkCalendar): Candidate[] {
    const { policy } = task;
    const deadline = deadlineAsOf({ status: task.status, dueDate: task.due_date }, asOf, calendar, policy.dueSoonWorkdays);
    // A count the calendar cannot give would be a guess in the message and the repeat rounds: said, not sent.
    const [gap] = deadline.calendarGaps;
    if (gap !== undefined) throw new CalendarGapError(`${gap}-01-01`, gap);
    const leads = task.lead.length > 0 ? task.lead : task.responsible;
    const link = `${this.env.APP_BASE_URL}/tasks/${task.id}`;
    const facts = { planTitle: task.plan_title, taskNumber: task.number, content: task.content, dueDate: task.due_date, link };
    const base = { planId: task.plan_id, taskId: task.id, dueDate: task.due_date, period: null, workdaysOverdue: null };
    const out: Candidate[] = [];

    if (deadline.dueSoon) {
      const message = reminderMessage('due_soon', { ...facts, workdaysLeft: deadline.workdaysLeft! });
      for (const unitId of leads) {
        out.push({ ...base, key: `due_soon:${task.id}:${unitId}:${task.due_date}`, unitId, kind: 'due_soon', level: 1, message });
      }
    } else if (deadline.overdue) {
      const overdue = deadline.workdaysOverdue!;
      const { daysOverdue } = deadline;
      const round = Math.floor((overdue - 1) / policy.overdueRepeatWorkdays);
      const message = reminderMessage('overdue', { ...facts, daysOverdue });
      for (const unitId of leads) {
        out.push({
          ...base,
          key: `overdue:${task.id}:${unitId}:${task.due_date}:${round}`,
          unitId,
          kind: 'overdue',
          level: 1,
          workdaysOverdue: overdue,
          message,
        });
      }
      if (overdue >= policy.escalateAfterWorkdays) {
        const escalation = reminderMessage('escalation', { ...facts, daysOverdue });
        for (const unitId of [...leads, null]) {
          out.push({
            ...base,
            key: `escalation:${task.id}:${unitId ?? 'supervisors'}:${task.due_date}`,
            unitId,
            kind: 'escalation',
            level: 2,
            workdaysOverdue: overdue,
            message: escalation,
          });
        }
      }
    }
    if (policy.reportMissing && periodCutoff(task.period, task.report_cutoff_day) > task.plan_start) {
      const message = reminderMessage('report_missing', { ...facts, period: task.period });
      for (const unitId of new Set([...task.lead, ...task.responsible])) {
        if (task.reportedUnits.includes(unitId)) continue;
        out.push({ ...base, key: `report_missing:${task.id}:${unitId}:${task.period}`, unitId, kind: 'report_missing', level: 1, period: task.period, message });
      }
    }
    return out;
  }

  private async insert(manager: EntityManager, candidates: Candidate[]): Promise<number> {
    if (candidates.length === 0) return 0;
    const column = <K extends keyof Candidate>(key: K) => candidates.map((c) => c[key]);
    const rows: unknown[] = await manager.query(
      `INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, period, workdays_overdue, message)
       SELECT k, p, t, u, CASE WHEN u IS NULL THEN 'supervisors' ELSE 'unit' END, kd, l, d, pr, w, m
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::smallint[], $7::date[], $8::text[],
                     $9::int[], $10::text[]) AS c(k, p, t, u, kd, l, d, pr, w, m)
       ON CONFLICT (unique_key) DO NOTHING
       RETURNING id`,
      [
        column('key'),
        column('planId'),
        column('taskId'),
        column('unitId'),
        column('kind'),
        column('level'),
        column('dueDate'),
        column('period'),
        column('workdaysOverdue'),
        column('message'),
      ],
    );
    return rows.length;
  }

  /**
   * One digest per recipient, channel and day, holding every reminder that channel has not carried yet. The inbox
   * is the reminder rows themselves, so its digest counts as sent at once. When the day's digest already exists
   * (a 催办 after the morning scan), new reminders join it while no attempt has read it (the worker's attempt
   * counter and this update take the same row lock); otherwise the next scan's digest carries them.
   */
  private async planDeliveries(manager: EntityManager, day: string): Promise<number> {
    const rows: unknown[] = await manager.query(
      // Digests carry only the last week's reminders: a unit that gets an address or webhook later is sent what
      // is current, not its history, and the anti-join below stays a hash join over one week of deliveries.
      `WITH carried AS (
         SELECT DISTINCT d.channel, carried.id
           FROM reminder_delivery d CROSS JOIN LATERAL unnest(d.reminder_ids) AS carried(id)
          WHERE d.created_at > now() - interval '8 days')
       INSERT INTO reminder_delivery (unit_id, audience, channel, day, reminder_ids, status, sent_at)
       SELECT r.unit_id, r.audience, c.channel, $1::date, array_agg(r.id ORDER BY r.created_at, r.id),
              CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END,
              CASE WHEN c.channel = 'inbox' THEN now() END
         FROM reminder r
         LEFT JOIN unit u ON u.id = r.unit_id
        CROSS JOIN (VALUES ('inbox'), ('email'), ('webhook')) AS c(channel)
        WHERE (c.channel = 'inbox'
               OR (c.channel = 'email' AND cardinality(u.contact_emails) > 0)
               OR (c.channel = 'webhook' AND u.webhook_url IS NOT NULL))
          AND r.created_at > now() - interval '7 days'
          AND NOT EXISTS (SELECT 1 FROM carried k WHERE k.channel = c.channel AND k.id = r.id)
        GROUP BY r.unit_id, r.audience, c.channel
       ON CONFLICT (COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), audience, channel, day)
       DO UPDATE SET reminder_ids = reminder_delivery.reminder_ids || EXCLUDED.reminder_ids
        WHERE reminder_delivery.channel = 'inbox' OR (reminder_delivery.status = 'pending' AND reminder_delivery.attempts = 0)
       RETURNING (xmax = 0) AS inserted`,
      [day],
    );
    return rows.filter((row) => (row as { inserted: boolean }).inserted).length;
  }
}

function toPolicy(row: Record<string, any> | null): ReminderPolicy {
  if (!row) return DEFAULT_POLICY;
  return {
    enabled: row.enabled,
    dueSoonWorkdays: row.due_soon_workdays,
    overdueRepeatWorkdays: row.overdue_repeat_workdays,
    escalateAfterWorkdays: row.escalate_after_workdays,
    reportMissing: row.report_missing,
    acknowledgeWithinWorkdays: row.acknowledge_within_workdays,
  };
}
