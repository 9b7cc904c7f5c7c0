import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { actingOrganization } from '../access/organizations';
import { requirePermission } from '../access/permissions';
import { Clock } from '../common/clock';
import { BadRequestError } from '../common/domain-errors';
import { lockForTransaction } from '../database/advisory-locks';
import type { FieldProblem } from '../common/validation';
import { CalendarRepository } from './calendar.repository';
import type { ListOverridesQueryDto, OverrideDto, OverridesDto, ReplaceOverridesDto, WorkdayDto, WorkdaysDto } from './dto/calendar.dto';
import { addDays, calendarGapMessage, WorkCalendar, yearOf, type YearCoverage } from './work-calendar';

/** Two years and a day: enough for any deadline window, small enough to answer in one go. */
const MAX_RANGE_DAYS = 731;

interface YearSnapshot {
  year: number;
  complete: boolean;
  note: string | null;
  items: OverrideDto[];
}

/** Same shape as the validation pipe's answer, so clients handle one kind of 400. */
function invalid(problems: FieldProblem[]): BadRequestError {
  const fields = [...new Set(problems.map((p) => p.field))].join('、');
  return new BadRequestError('VALIDATION_FAILED', `请求参数无效：${fields}`, problems);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

function yearsOf(from: string, to: string): number[] {
  const years: number[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) years.push(year);
  return years;
}

const tidyNote = (note: string | null | undefined): string | null => note?.trim() || null;

/**
 * The working-day calendar: bundled statutory schedule + admin overrides from the database. Read fresh on every
 * load (one query), so an override saved through any api process counts at once in every api and worker process.
 */
@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly logger = new Logger('calendar');
  /** Years already reported in this process: loud once, not on every reminder scan. */
  private readonly warnedYears = new Set<number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CalendarRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessService,
  ) {}

  /** Every process writes calendar_day at start, so a newer bundled schedule reaches the SQL task rules. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.dataSource.transaction((manager) => this.syncDays(manager));
    } catch (error) {
      // Unreachable database at start: the table keeps what the last start or override wrote.
      this.logger.warn(`calendar_day not refreshed at start: ${(error as Error).message}`);
    }
  }

  /** Writes calendar_day (the SQL task rules' working-day calendar) from the calendar as it stands. */
  async syncDays(manager: EntityManager): Promise<void> {
    await lockForTransaction(manager, 'calendarYear');
    await this.repository.in(manager).writeDays(await this.load(manager));
  }

  /** The calendar as it stands now; a question about a year without data logs a warning and throws CalendarGapError. */
  async load(manager: EntityManager = this.dataSource.manager): Promise<WorkCalendar> {
    const { overrides, officialYears } = await this.repository.in(manager).load();
    return new WorkCalendar({ overrides, officialYears, onGap: (year) => this.warnGap(year) });
  }

  async coverage(years: number[]): Promise<YearCoverage[]> {
    const calendar = await this.load();
    return years.map((year) => calendar.coverage(year));
  }

  /** Overrides of one year, of a range of days, or (neither given) all of them. */
  async listOverrides(query: ListOverridesQueryDto): Promise<OverridesDto> {
    requirePermission('registry:read');
    const range = this.overrideRange(query);
    const [items, calendar] = await Promise.all([this.repository.overrides(range), this.load()]);
    let years: number[];
    if (range) {
      years = yearsOf(range.from, range.to);
    } else {
      // The years anyone has touched, plus this year and the next, so a coming gap shows before it bites.
      const thisYear = yearOf(this.clock.today());
      const official = await this.repository.officialYears();
      years = [...new Set([...items.map((i) => yearOf(i.day)), ...official, thisYear, thisYear + 1])].sort((a, b) => a - b);
    }
    const coverage = years.map((year) => calendar.coverage(year));
    return { items, coverage, warnings: this.warnings(coverage) };
  }

  /** Replaces a year's overrides (and, when `complete` is given, its completeness marker) in one transaction. */
  async replaceYear(dto: ReplaceOverridesDto): Promise<OverridesDto> {
    const actor = await this.access.requireWriteCalendar();
    this.checkReplacement(dto);
    const { year } = dto;
    await this.dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, 'calendarYear');
      const calendar = this.repository.in(manager);
      const before = await this.snapshotYear(calendar, year);
      await calendar.replaceOverrides(
        year,
        dto.items.map((item) => ({ day: item.day, isWorkday: item.isWorkday, note: tidyNote(item.note) })),
        actor.userId,
        actingOrganization(),
      );
      if (dto.complete === true) {
        await calendar.markComplete(year, actor.userId, tidyNote(dto.note));
      } else if (dto.complete === false) {
        await calendar.unmarkComplete(year);
      }
      await this.syncDays(manager);
      const after = await this.snapshotYear(calendar, year);
      await this.audit.record(
        { action: 'calendar.replace_year', entity: 'calendar_year', entityId: String(year), before, after },
        manager,
      );
    });
    return this.listOverrides({ year });
  }

  /** Every day of [from, to] with its status; days of a year without data say so instead of guessing. */
  async workdays(from: string, to: string): Promise<WorkdaysDto> {
    requirePermission('registry:read');
    if (to < from) throw invalid([{ field: 'to', reason: `不能早于 from（${from}）` }]);
    if (daysBetween(from, to) > MAX_RANGE_DAYS) {
      throw invalid([{ field: 'to', reason: `与 from 相隔不能超过 ${MAX_RANGE_DAYS} 天` }]);
    }
    const calendar = await this.load();
    const items: WorkdayDto[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      items.push(calendar.lookup(day) ?? { day, isWorkday: null, source: 'unknown', note: null });
    }
    const coverage = yearsOf(from, to).map((year) => calendar.coverage(year));
    return { items, coverage, warnings: this.warnings(coverage) };
  }

  private warnings(coverage: YearCoverage[]): string[] {
    return coverage
      .filter((c) => !c.statutory && !c.official)
      .map(({ year }) => {
        this.warnGap(year);
        return calendarGapMessage(year);
      });
  }

  private warnGap(year: number): void {
    if (this.warnedYears.has(year)) return;
    this.warnedYears.add(year);
    this.logger.warn(`CALENDAR DATA MISSING for ${year}: workdays cannot be computed. ${calendarGapMessage(year)}`);
  }

  private overrideRange(query: ListOverridesQueryDto): { from: string; to: string } | null {
    const { year, from, to } = query;
    if (year !== undefined) {
      if (from !== undefined || to !== undefined) {
        throw invalid([{ field: from !== undefined ? 'from' : 'to', reason: '不能与 year 同时使用' }]);
      }
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
    if (from === undefined && to === undefined) return null;
    if (from === undefined || to === undefined) {
      throw invalid([{ field: from === undefined ? 'from' : 'to', reason: 'from 和 to 须同时提供' }]);
    }
    if (to < from) throw invalid([{ field: 'to', reason: `不能早于 from（${from}）` }]);
    return { from, to };
  }

  private checkReplacement(dto: ReplaceOverridesDto): void {
    const problems: FieldProblem[] = [];
    const seen = new Map<string, number>();
    dto.items.forEach((item, i) => {
      if (yearOf(item.day) !== dto.year) {
        problems.push({ field: `items.${i}.day`, reason: `${item.day} 不在 ${dto.year} 年内` });
      } else if (seen.has(item.day)) {
        problems.push({ field: `items.${i}.day`, reason: `${item.day} 与 items.${seen.get(item.day)}.day 重复` });
      }
      seen.set(item.day, seen.get(item.day) ?? i);
    });
    if (dto.note !== undefined && dto.complete !== true) {
      problems.push({ field: 'note', reason: '只有 complete 为 true 时才能填写（说明完整节假日安排的来源）' });
    }
    if (problems.length > 0) throw invalid(problems);
  }

  private async snapshotYear(calendar: CalendarRepository, year: number): Promise<YearSnapshot> {
    const items = await calendar.overrides({ from: `${year}-01-01`, to: `${year}-12-31` });
    const marker = await calendar.yearMarker(year);
    return { year, complete: marker !== null, note: marker?.note ?? null, items };
  }
}
