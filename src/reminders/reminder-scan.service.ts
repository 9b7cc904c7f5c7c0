import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { calendarGapMessage, CalendarGapError, yearOf, type WorkCalendar } from '../calendar/work-calendar';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import { lockForTransaction } from '../database/advisory-locks';
import { withStatementBound } from '../database/sql';
import { lastClosedPeriod, periodCutoff } from '../progress/reporting-period';
import { DELIVER_JOB, DELIVERY_QUEUE } from '../queue/queues';
import { QUEUES, type Queues } from '../queue/queue.module';
import { DeliveryRepository, SUPERVISORS_SLICE } from './delivery/delivery.repository';
import { ReminderScanLedgerRepository, type PlanScope } from './reminder-scan-ledger.repository';
import { ReminderScanRepository, type OwedPeriod, type TaskRange } from './reminder-scan.repository';

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
 * How the scan slices its work, so that no statement grows with the number of tasks or recipients (nor its memory
 * in PostgreSQL). Tests make the slices tiny to prove slicing changes nothing.
 */
/**
 * The scan's bound per statement, instead of a request's (REQUEST_TIMEOUT_MS): a slice's statement on a loaded
 * machine, or the wait for another scan's lock.
 */
const SCAN_STATEMENT_BOUND_MS = 300_000;

export const SCAN_SLICES = {
  /** Tasks per slice of the reminder statements. */
  tasks: 5_000,
  /** Recipient units per slice of digest planning. */
  units: 2_000,
};

/**
 * Recomputes in PostgreSQL what the ladder (README "Reminders") says is due as of a day: one INSERT … SELECT per
 * reminder kind over the tasks open that day (a slice of tasks at a time), each reminder once (unique key); then one digest per recipient,
 * channel and day gathers the new reminders, and the digests are queued. Nothing per task passes through Node, so
 * the process's memory does not grow with the number of tasks. Overdue and due soon are the task rules' (the
 * lights'): the status as of the day, and workdays by the working-day calendar. Plans scanned for the day and
 * unchanged since are skipped (src/reminders/reminder-scan-ledger.repository.ts): they would make nothing new.
 * Running it twice, concurrently, or after a crash changes nothing the first run did.
 */
@Injectable()
export class ReminderScanService implements OnApplicationBootstrap {
  private readonly logger = new Logger('reminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QUEUES) private readonly queues: Queues,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly scans: ReminderScanRepository,
    private readonly ledger: ReminderScanLedgerRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  /** A process that starts may run a newer ladder than the ledger recorded: its next scan of a day scans every plan. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.ledger.markEveryPlanChanged(this.dataSource);
    } catch (error) {
      this.logger.warn(`Reminder scan ledger not reset at start: ${(error as Error).message}`);
    }
  }

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
    const result = await this.dataSource.transaction((manager) => withStatementBound(manager, SCAN_STATEMENT_BOUND_MS, async () => {
      // Serialises scans across processes: unique keys would hold without it, this keeps the counts and the ledger exact.
      await lockForTransaction(manager, 'reminderScan');
      await this.ledger.createTables(manager);
      const choice = await this.ledger.choosePlans(manager, asOf);
      const unchanged = await this.ledger.unchangedPlans(manager, asOf);
      let scanned = { created: 0, candidates: 0, warnings: [] as string[] };
      if (choice.toScan > 0) {
        scanned = await this.scanPlans(manager, asOf, choice.toScan === choice.plans ? 'every plan' : 'scan_plan');
      }
      const deliveries = await this.planDigests(manager, asOf);
      return {
        asOf,
        created: scanned.created,
        alreadyExisting: scanned.candidates + unchanged.candidates - scanned.created,
        deliveries,
        warnings: [...scanned.warnings, ...unchanged.warnings],
      };
    }));
    await this.enqueuePending();
    this.logger.log(`Reminder scan ${asOf}: ${result.created} new, ${result.alreadyExisting} already there, ${result.deliveries} digests`);
    for (const warning of result.warnings) this.logger.warn(warning);
    return result;
  }

  /**
   * The ladder over the tasks of the plans in `scope`, a slice of tasks at a time, one statement per kind; then
   * the ledger records each plan as scanned for the day, with what it found.
   */
  private async scanPlans(manager: EntityManager, asOf: string, scope: PlanScope): Promise<{ created: number; candidates: number; warnings: string[] }> {
    const owed = await this.owedPeriods(manager, asOf);
    const base = this.env.APP_BASE_URL;
    const warnings: string[] = [];
    const warningsByPlan = new Map<string, string[]>();
    let created = 0;
    let candidates = 0;
    await this.scans.createOpenTaskTable(manager);
    for (const range of slices(await this.scans.sliceEnds(manager, SCAN_SLICES.tasks, scope))) {
      await this.scans.writeOpenTasks(manager, asOf, range, scope);
      for (const { planId, warning } of await this.calendarWarnings(manager, asOf, range)) {
        warnings.push(warning);
        warningsByPlan.set(planId, [...(warningsByPlan.get(planId) ?? []), warning]);
      }
      // One statement per kind, in the ladder's order.
      for (const outcome of [
        await this.scans.insertDueSoon(manager, asOf, base, range),
        await this.scans.insertOverdue(manager, asOf, base, range),
        await this.scans.insertEscalation(manager, asOf, base, range),
        await this.scans.insertReportMissing(manager, asOf, base, range, owed),
        await this.scans.insertUnacknowledged(manager, asOf, base, range),
      ]) {
        created += outcome.created;
        candidates += outcome.candidates;
      }
    }
    await this.ledger.record(manager, asOf, warningsByPlan);
    return { created, candidates, warnings };
  }

  /** Gathers reminders made outside a scan (a manual 催办) into today's digests and queues them. */
  async deliverNow(day: string): Promise<number> {
    const created = await this.dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, 'reminderScan');
      return this.planDigests(manager, day);
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
    return (await this.scans.reportingSchedules(manager)).map(({ cycle, cutoffDay }) => {
      const period = lastClosedPeriod(asOf, cycle, cutoffDay);
      return { cycle, cutoffDay, period, cutoff: periodCutoff(period, cutoffDay) };
    });
  }

  /** The day's digests, a slice of recipients at a time (the supervisors' office is one of them). */
  private async planDigests(manager: EntityManager, day: string): Promise<number> {
    await this.deliveries.refreshStatistics(manager);
    let created = 0;
    for (const range of [...slices(await this.deliveries.unitSliceEnds(manager, SCAN_SLICES.units)), SUPERVISORS_SLICE]) {
      created += await this.deliveries.planDigests(manager, day, range);
    }
    return created;
  }

  /**
   * Tasks and unsigned assignments of the slice the ladder cannot count for want of a year's calendar data: no
   * reminder, a warning each, in the calendar's own words.
   */
  private async calendarWarnings(manager: EntityManager, asOf: string, range: TaskRange): Promise<Array<{ planId: string; warning: string }>> {
    const warnings: Array<{ planId: string; warning: string }> = [];
    for (const gap of await this.scans.taskCalendarGaps(manager)) {
      warnings.push({ planId: gap.planId, warning: `《${gap.planTitle}》第${gap.number}项未生成提醒：${calendarGapMessage(gap.gapYear)}` });
    }
    for (const gap of await this.scans.assignmentCalendarGaps(manager, asOf, range)) {
      const { message } = new CalendarGapError(gap.unknownDay, yearOf(gap.unknownDay));
      warnings.push({ planId: gap.planId, warning: `《${gap.planTitle}》第${gap.number}项未生成签收提醒：${message}` });
    }
    return warnings;
  }
}

/** Consecutive (after, upTo] ranges ending at each of `ends`, then the open-ended rest. */
function slices(ends: readonly string[]): Array<{ after: string | null; upTo: string | null }> {
  return [...ends, null].map((upTo, i) => ({ after: i === 0 ? null : ends[i - 1]!, upTo }));
}
