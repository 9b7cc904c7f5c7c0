import { Injectable } from '@nestjs/common';
import { exec, returning, rows, type Db } from '../../database/sql';

/** Recipients of one digest-planning statement: unit ids in (after, upTo] (null ends open), or the supervisors. */
export type RecipientSlice = { after: string | null; upTo: string | null } | 'supervisors';
export const SUPERVISORS_SLICE: RecipientSlice = 'supervisors';

/** How many pending digest ids one read brings back: queueing never holds every pending digest at once. */
export const PENDING_BATCH = 1000;

/** The digests (reminder_delivery rows): planned from the reminders in SQL, one per recipient, channel and day. */
@Injectable()
export class DeliveryRepository {
  /**
   * One digest per recipient, channel and day, holding every reminder that channel has not carried yet. The inbox
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
      `WITH carried AS (
         SELECT DISTINCT d.channel, carried.id
           FROM reminder_delivery d CROSS JOIN LATERAL unnest(d.reminder_ids) AS carried(id)
          WHERE d.created_at > now() - interval '8 days' AND ${recipients('d.unit_id')})
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
          AND r.created_at > now() - interval '7 days' AND ${recipients('r.unit_id')}
          AND NOT EXISTS (SELECT 1 FROM carried k WHERE k.channel = c.channel AND k.id = r.id)
        GROUP BY r.unit_id, r.audience, c.channel
       ON CONFLICT (COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), audience, channel, day)
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
}
