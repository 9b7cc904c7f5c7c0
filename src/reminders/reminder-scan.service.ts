import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { calendarGapMessage, CalendarGapError, yearOf, type WorkCalendar } from '../calendar/work-calendar';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import { lockForTransaction } from '../database/advisory-locks';
import { rows } from '../database/sql';
import { lastClosedPeriod, periodCutoff } from '../progress/reporting-period';
import type { ReportingCycle } from '../plans/plan.entity';
import { MemoCalendar } from '../supervision/memo-calendar';
import { deadlineAsOf } from '../tasks/task-rules';
import { DELIVER_JOB, DELIVERY_QUEUE } from '../queue/queues';
import { QUEUES, type Queues } from '../queue/queue.module';
import { DeliveryRepository } from './delivery/delivery.repository';
import { ReminderScanRepository, type KindOutcome, type OwedPeriod } from './reminder-scan.repository';
import { writeScanWorkdays } from './scan-workdays';

export interface ScanResult {
  asOf: string;
  created: number;
  alreadyExisting: number;
  skipped?: 'non_working_day' | 'no_calendar_data';
  deliveries: number;
  /** Tasks left out, and why (e.g. a due date in a year without calendar data): said, never guessed. */
  warnings: string[];
}

const NOTHING = { created: 0, alreadyExisting: 0, deliveries: 0, warnings: [] as string[] };

/**
 * Recomputes from PostgreSQL what the ladder says is due as of a day, inserts each reminder once (unique key),
 * gathers each recipient's new reminders into one digest per channel and day, and queues the digests.
 * Running it twice, concurrently, or after a crash changes nothing the first run did.
 */
/** Years around the day scanned that the scan's workday table covers (those with calendar data). */
const CALENDAR_REACH_YEARS = 50;

/**
 * Recomputes in PostgreSQL what the ladder (README "Reminders") says is due as of a day: one INSERT … SELECT per
 * reminder kind over the tasks open that day, each reminder once (unique key); then one digest per recipient,
 * channel and day gathers the new reminders, and the digests are queued. Nothing per task passes through Node, so
 * the process's memory does not grow with the number of tasks. Overdue and due soon are the task rules' (the
 * lights'): the status as of the day, and workdays by the working-day calendar.
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
    private readonly scans: ReminderScanRepository,
    private readonly deliveries: DeliveryRepository,
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
      const year = yearOf(asOf);
      const years = Array.from({ length: 2 * CALENDAR_REACH_YEARS + 1 }, (_, i) => year - CALENDAR_REACH_YEARS + i);
      await writeScanWorkdays(manager, calendar, years);
      await this.scans.writeOpenTasks(manager, asOf);
      const warnings = await this.calendarWarnings(manager, asOf, calendar);
      const base = this.env.APP_BASE_URL;
      const outcomes: KindOutcome[] = [];
      // One statement per kind, in the ladder's order.
      outcomes.push(await this.scans.insertDueSoon(manager, asOf, base));
      outcomes.push(await this.scans.insertOverdue(manager, asOf, base));
      outcomes.push(await this.scans.insertEscalation(manager, asOf, base));
      outcomes.push(await this.scans.insertReportMissing(manager, asOf, base, await this.owedPeriods(manager, asOf)));
      outcomes.push(await this.scans.insertUnacknowledged(manager, asOf, base));
      const created = outcomes.reduce((sum, o) => sum + o.created, 0);
      const candidates = outcomes.reduce((sum, o) => sum + o.candidates, 0);
      const deliveries = await this.deliveries.planDigests(manager, asOf);
      return { asOf, created, alreadyExisting: candidates - created, deliveries, warnings };
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
      return this.deliveries.planDigests(manager, day);
    });
    await this.enqueuePending();
    return created;
  }

  /** Queues every digest not yet sent, a batch at a time; the job id is the delivery id, so queueing twice is harmless. */
  async enqueuePending(): Promise<number> {
    let queued = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await this.deliveries.pendingAfter(this.dataSource, after);
      if (ids.length === 0) return queued;
      await this.queues[DELIVERY_QUEUE].addBulk(ids.map((id) => ({ name: DELIVER_JOB, data: { deliveryId: id }, opts: { jobId: id } })));
      queued += ids.length;
      after = ids.at(-1)!;
    }
  }

  /**
   * The closed period each plan's reporting cycle and cutoff day now owe a report for (a handful of pairs, not
   * one per plan): the reporting-period rules stay in src/progress/reporting-period.ts.
   */
  private async owedPeriods(manager: EntityManager, asOf: string): Promise<OwedPeriod[]> {
    const pairs = await rows<{ cycle: ReportingCycle; cutoffDay: number }>(
      manager,
      `SELECT DISTINCT reporting_cycle AS cycle, report_cutoff_day AS "cutoffDay" FROM plan`,
    );
    return pairs.map(({ cycle, cutoffDay }) => {
      const period = lastClosedPeriod(asOf, cycle, cutoffDay);
      return { cycle, cutoffDay, period, cutoff: periodCutoff(period, cutoffDay) };
    });
  }

  /**
   * Tasks and unsigned assignments the ladder cannot count for want of a year's calendar data: no reminder, a
   * warning each. Their words come from the task rules and the calendar themselves, so they match the lights'.
   */
  private async calendarWarnings(manager: EntityManager, asOf: string, calendar: WorkCalendar): Promise<string[]> {
    const memo = new MemoCalendar(calendar);
    const warnings: string[] = [];
    for (const gap of await this.scans.taskCalendarGaps(manager)) {
      const [year] = deadlineAsOf({ status: gap.status, dueDate: gap.dueDate }, asOf, memo, gap.dueSoonWorkdays).calendarGaps;
      if (year !== undefined) warnings.push(`《${gap.planTitle}》第${gap.number}项未生成提醒：${calendarGapMessage(year)}`);
    }
    for (const gap of await this.scans.assignmentCalendarGaps(manager, asOf)) {
      try {
        memo.workdaysBetween(gap.assignedDay, asOf);
      } catch (error) {
        if (!(error instanceof CalendarGapError)) throw error;
        warnings.push(`《${gap.planTitle}》第${gap.number}项未生成签收提醒：${error.message}`);
      }
    }
    return warnings;
  }
}
