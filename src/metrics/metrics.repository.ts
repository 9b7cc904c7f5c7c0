import { rows, type Db } from '../database/sql';

/** The counts /metrics reports from PostgreSQL. */
export class MetricsRepository {
  constructor(private readonly db: Db) {}

  async remindersByKind(): Promise<Array<{ kind: string; count: number }>> {
    return rows(this.db, `SELECT kind, count(*)::int AS count FROM reminder GROUP BY kind`);
  }

  async deliveriesByChannelAndStatus(): Promise<Array<{ channel: string; status: string; count: number }>> {
    return rows(this.db, `SELECT channel, status, count(*)::int AS count FROM reminder_delivery GROUP BY channel, status`);
  }
}
