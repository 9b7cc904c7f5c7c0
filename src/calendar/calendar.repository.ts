import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between } from 'typeorm';
import { exec, managerOf, one, type Db } from '../database/sql';
import { calendarDaysParams, WRITE_CALENDAR_DAYS_SQL } from './calendar-days';
import { CalendarOverride, CalendarYear } from './calendar-override.entity';
import type { CalendarOverrideEntry, WorkCalendar } from './work-calendar';

/** An admin override of one day, as the API shows it. */
export interface OverrideRow {
  day: string;
  isWorkday: boolean;
  note: string | null;
}

/** The calendar's stored part: what WorkCalendar needs besides the bundled statutory schedule. */
export interface StoredCalendar {
  overrides: Array<[string, CalendarOverrideEntry]>;
  /** Years marked as having their complete official schedule in the overrides. */
  officialYears: number[];
}

/**
 * The working-day calendar's reads and writes: admin overrides (calendar_override), the years marked complete
 * (calendar_year), and calendar_day, the SQL task rules' copy of the whole calendar.
 */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): CalendarRepository {
    return new CalendarRepository(db);
  }

  /** Every override and every complete year, in one statement. */
  async load(): Promise<StoredCalendar> {
    const row = await one<{ overrides: Array<[string, boolean, string | null]>; years: number[] }>(
      this.db,
      `SELECT (SELECT coalesce(json_agg(json_build_array(day::text, is_workday, note)), '[]') FROM calendar_override) AS overrides,
              (SELECT coalesce(json_agg(year), '[]') FROM calendar_year) AS years`,
    );
    return {
      overrides: row!.overrides.map(([day, isWorkday, note]): [string, CalendarOverrideEntry] => [day, { isWorkday, note }]),
      officialYears: row!.years,
    };
  }

  /** Writes calendar_day from the calendar as it stands (only the rows that change). */
  async writeDays(calendar: WorkCalendar): Promise<void> {
    await exec(this.db, WRITE_CALENDAR_DAYS_SQL, calendarDaysParams(calendar));
  }

  /** The overrides of [from, to], or (no range) all of them, by day. */
  async overrides(range: { from: string; to: string } | null): Promise<OverrideRow[]> {
    const found = await managerOf(this.db)
      .getRepository(CalendarOverride)
      .find({ where: range ? { day: Between(range.from, range.to) } : {}, order: { day: 'ASC' } });
    return found.map(({ day, isWorkday, note }) => ({ day, isWorkday, note }));
  }

  async officialYears(): Promise<number[]> {
    return (await managerOf(this.db).getRepository(CalendarYear).find()).map((y) => y.year);
  }

  /** A year's completeness marker, or null when the year is not marked complete. */
  async yearMarker(year: number): Promise<{ note: string | null } | null> {
    const marker = await managerOf(this.db).getRepository(CalendarYear).findOneBy({ year });
    return marker ? { note: marker.note } : null;
  }

  /** Replaces every override of `year` with `items`. */
  async replaceOverrides(year: number, items: OverrideRow[], userId: string | null, organizationId: string): Promise<void> {
    const overrides = managerOf(this.db).getRepository(CalendarOverride);
    await overrides.delete({ day: Between(`${year}-01-01`, `${year}-12-31`) });
    if (items.length > 0) {
      await overrides.insert(items.map((item) => ({ day: item.day, isWorkday: item.isWorkday, note: item.note, updatedBy: userId, organizationId })));
    }
  }

  /** Marks `year` complete (again: by whom, when and on what source). */
  async markComplete(year: number, userId: string | null, note: string | null): Promise<void> {
    await exec(
      this.db,
      `INSERT INTO calendar_year (year, loaded_by, note) VALUES ($1, $2, $3)
       ON CONFLICT (year) DO UPDATE SET loaded_by = EXCLUDED.loaded_by, loaded_at = now(), note = EXCLUDED.note`,
      [year, userId, note],
    );
  }

  async unmarkComplete(year: number): Promise<void> {
    await managerOf(this.db).getRepository(CalendarYear).delete({ year });
  }
}
