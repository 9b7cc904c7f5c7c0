import { Injectable } from '@nestjs/common';
import { organizationScopeSql } from '../../access/access.repository';
import { exec, one, Params, returning, rows, type Db } from '../../database/sql';
import type { ReminderDeliveryDto } from './dto/reminder-delivery.dto';

/** Recipients of one digest-planning statement: unit ids in (after, upTo] (null ends open), or the supervisors. */
export type RecipientSlice = { after: string | null; upTo: string | null } | 'supervisors';
export const SUPERVISORS_SLICE: RecipientSlice = 'supervisors';

/** How many pending digest ids one read brings back: queueing never holds every pending digest at once. */
export const PENDING_BATCH = 1000;

/** The office's filters on the digests it sent (GET /api/reminder-deliveries). */
export interface DeliveryFilter {
  /** The organizations whose digests are listed. */
  organizationIds: readonly string[];
  status?: string;
  channel?: string;
  unitId?: string;
  day?: string;
}

interface DeliveryRow {
  id: string;
  organization_id: string;
  unit_id: string | null;
  unit_name: string | null;
  audience: string;
  channel: string;
  day: string;
  status: string;
  attempts: number;
  last_error: string | null;
  last_attempt_at: Date | null;
  reminder_count: number;
  sent_at: Date | null;
  created_at: Date;
}

const SELECT_DELIVERIES = `
  SELECT d.id, d.organization_id, d.unit_id, u.name AS unit_name, d.audience, d.channel, to_char(d.day, 'YYYY-MM-DD') AS day, d.status,
         d.attempts, d.last_error, d.last_attempt_at, cardinality(d.reminder_ids) AS reminder_count, d.sent_at, d.created_at
    FROM reminder_delivery d
    LEFT JOIN unit u ON u.id = d.unit_id`;

/** The digests (reminder_delivery rows): planned from the reminders in SQL, one per recipient, channel and day. */
@Injectable()
export class DeliveryRepository {
  /**
   * One digest per recipient (a unit, or one organization's supervisors), channel and day, holding every reminder that channel has not carried yet. The inbox
   * is the reminder rows themselves, so its digest counts as sent at once. When the day's digest already exists
   * (a 催办 after the morning scan), new reminders join it while no attempt has read it (the worker's attempt
   * counter and this update take the same row lock); otherwise the next scan's digest carries them.
   * Only the recipients of `slice`; answers how many digests were created.
   */
  async planDigests(db: Db, day: string, slice: RecipientSlice): Promise<number> {
    const params: unknown[] = [day];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const recipients = (column: string) =>
      slice === 'supervisors'
        ? `${column} IS NULL`
        : `${column} IS NOT NULL AND (${bind(slice.after)}::uuid IS NULL OR ${column} > $${params.length}::uuid)
           AND (${bind(slice.upTo)}::uuid IS NULL OR ${column} <= $${params.length}::uuid)`;
    const written = await returning<{ inserted: boolean }>(
      db,
      // Digests carry only the last week's reminders: a unit that gets an address or webhook later is sent what
      // is current, not its history, and the anti-join below stays a hash join over one week of deliveries.
      // The slice's reminders are read once (MATERIALIZED): joined per channel, the planner read them three times.
      `WITH carried AS (
         SELECT DISTINCT d.channel, carried.id
           FROM reminder_delivery d CROSS JOIN LATERAL unnest(d.reminder_ids) AS carried(id)
          WHERE d.created_at > now() - interval '8 days' AND ${recipients('d.unit_id')}),
       recent AS MATERIALIZED (
         SELECT r.id, r.organization_id, r.unit_id, r.audience, r.created_at FROM reminder r
          WHERE r.created_at > now() - interval '7 days' AND ${recipients('r.unit_id')})
       INSERT INTO reminder_delivery (organization_id, unit_id, audience, channel, day, reminder_ids, status, sent_at)
       SELECT r.organization_id, r.unit_id, r.audience, c.channel, $1::date, array_agg(r.id ORDER BY r.created_at, r.id),
              CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END,
              CASE WHEN c.channel = 'inbox' THEN now() END
         FROM recent r
         LEFT JOIN unit u ON u.id = r.unit_id
        CROSS JOIN (VALUES ('inbox'), ('email'), ('webhook')) AS c(channel)
        WHERE (c.channel = 'inbox'
               OR (c.channel = 'email' AND cardinality(u.contact_emails) > 0)
               OR (c.channel = 'webhook' AND u.webhook_url IS NOT NULL))
          AND NOT EXISTS (SELECT 1 FROM carried k WHERE k.channel = c.channel AND k.id = r.id)
        GROUP BY r.organization_id, r.unit_id, r.audience, c.channel
       ON CONFLICT (organization_id, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), audience, channel, day)
       DO UPDATE SET reminder_ids = reminder_delivery.reminder_ids || EXCLUDED.reminder_ids
        WHERE reminder_delivery.channel = 'inbox' OR (reminder_delivery.status = 'pending' AND reminder_delivery.attempts = 0)
       RETURNING (xmax = 0) AS inserted`,
      params,
    );
    return written.filter((row) => row.inserted).length;
  }

  /**
   * Statistics that count the reminders just written (ANALYZE counts the transaction's own rows): planned on stale
   * ones, the digest statement's anti-join once compared every reminder with every carried one and ran for minutes.
   */
  async refreshStatistics(db: Db): Promise<void> {
    await exec(db, `ANALYZE reminder, reminder_delivery`);
  }

  /** The unit id that ends each slice of `size` units, in id order: slices are (previous, this], the last one open. */
  async unitSliceEnds(db: Db, size: number): Promise<string[]> {
    const ends = await rows<{ id: string }>(
      db,
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM unit) AS numbered WHERE n % $1 = 0 ORDER BY id`,
      [size],
    );
    return ends.map((row) => row.id);
  }

  /** Up to PENDING_BATCH unsent email and webhook digests after `after` (by id), in id order. */
  async pendingAfter(db: Db, after: string | null): Promise<string[]> {
    const found = await rows<{ id: string }>(
      db,
      `SELECT id FROM reminder_delivery
        WHERE status = 'pending' AND channel <> 'inbox' AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [after, PENDING_BATCH],
    );
    return found.map((row) => row.id);
  }

  async count(db: Db, filter: DeliveryFilter): Promise<number> {
    const params = new Params();
    const row = await one<{ total: number }>(db, `SELECT count(*)::int AS total FROM reminder_delivery d ${whereSql(filter, params)}`, params.values);
    return row?.total ?? 0;
  }

  /** A page of the digests, newest day first. */
  async page(db: Db, filter: DeliveryFilter, limit: number, offset: number): Promise<ReminderDeliveryDto[]> {
    const params = new Params();
    const clause = whereSql(filter, params);
    const found = await rows<DeliveryRow>(
      db,
      `${SELECT_DELIVERIES} ${clause} ORDER BY d.day DESC, d.created_at DESC, d.id LIMIT ${params.bind(limit)} OFFSET ${params.bind(offset)}`,
      params.values,
    );
    return found.map(toDto);
  }

  /** The digest, row-locked for a retry's status change. */
  async lock(db: Db, id: string): Promise<(ReminderDeliveryDto & { organizationId: string }) | null> {
    const row = await one<DeliveryRow>(db, `${SELECT_DELIVERIES} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
    return row && { ...toDto(row), organizationId: row.organization_id };
  }

  /** A failed digest back to pending, for a fresh set of attempts. */
  async markPending(db: Db, id: string): Promise<number> {
    return exec(db, `UPDATE reminder_delivery SET status = 'pending' WHERE id = $1`, [id]);
  }

  /** A retry that could not be queued goes back to failed, unless a worker has already moved it on. */
  async revertToFailed(db: Db, id: string): Promise<number> {
    return exec(db, `UPDATE reminder_delivery SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [id]);
  }
}

function whereSql(filter: DeliveryFilter, params: Params): string {
  const where: string[] = [organizationScopeSql('d.organization_id', params.bind(filter.organizationIds))];
  if (filter.status) where.push(`d.status = ${params.bind(filter.status)}`);
  if (filter.channel) where.push(`d.channel = ${params.bind(filter.channel)}`);
  if (filter.unitId) where.push(`d.unit_id = ${params.bind(filter.unitId)}`);
  if (filter.day) where.push(`d.day = ${params.bind(filter.day)}::date`);
  return `WHERE ${where.join(' AND ')}`;
}

function toDto(r: DeliveryRow): ReminderDeliveryDto {
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return {
    id: r.id,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name! } : null,
    audience: r.audience,
    channel: r.channel,
    day: r.day,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    lastAttemptAt: iso(r.last_attempt_at),
    reminderCount: r.reminder_count,
    sentAt: iso(r.sent_at),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
