import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import { DemoRepository } from './demo.repository';

/**
 * The demo's calendar: `onDay(day, act)` runs `act` with the server's today set to `day` (CLOCK_TODAY, which
 * periods, 延期 and the scan read) and then dates every row it wrote to that day, from 10:00 Beijing time on (or
 * `time`), in the order it happened. Demo profile only; the product never rewrites history.
 */
export class DemoTimeline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  async onDay<T>(day: string, act: () => Promise<T>, time = '10:00'): Promise<T> {
    const history = new DemoRepository(this.dataSource);
    const since = await history.clockNow();
    const previous = this.env.CLOCK_TODAY;
    this.env.CLOCK_TODAY = day;
    try {
      return await act();
    } finally {
      this.env.CLOCK_TODAY = previous;
      await history.redate(since, `${day} ${time}+08`);
    }
  }
}
