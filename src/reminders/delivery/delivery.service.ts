import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { exec, one, rows } from '../../database/sql';
import type { WebhookFormat } from '../../units/unit-kinds';
import { DeliveryFailure, shortError } from './delivery-failure';
import { buildDigest, webhookBody, type DigestReminder } from './digest';
import { EmailSender } from './email-sender';
import { WebhookSender } from './webhook-sender';

export type DeliveryOutcome = 'sent' | 'already_sent' | 'gone' | 'empty';

interface DeliveryRow {
  id: string;
  unit_id: string | null;
  unit_name: string | null;
  channel: 'inbox' | 'email' | 'webhook';
  day: string;
  status: 'pending' | 'sent' | 'failed';
  reminder_ids: string[];
  contact_emails: string[] | null;
  webhook_url: string | null;
  webhook_format: WebhookFormat | null;
}

/**
 * Sends one digest (a reminder_delivery row) over its channel. At least once: a job retried after a crash may
 * send again, always with the delivery id as idempotency key (Message-ID, Idempotency-Key) so receivers dedupe.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('reminder-delivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
  ) {}

  /**
   * One attempt. Records it (attempts, last_attempt_at, last_error); on success the delivery is sent, on failure
   * this throws so the queue retries with backoff, and the last allowed attempt marks the delivery failed.
   * `attemptsMade`: attempts BullMQ counted before this one; `attempts`: how many the job may make.
   */
  async deliver(deliveryId: string, job: { attemptsMade: number; attempts: number }): Promise<DeliveryOutcome> {
    // Counting the attempt before sending: an attempt cut short by a crash still shows up.
    // A job run again after the send (a stalled job taken over, a re-queued job) claims nothing and sends nothing.
    const claimed = await exec(
      this.dataSource,
      `UPDATE reminder_delivery SET attempts = attempts + 1, last_attempt_at = now()
        WHERE id = $1 AND status <> 'sent' AND channel <> 'inbox'`,
      [deliveryId],
    );
    if (claimed === 0) {
      const row = await one(this.dataSource, `SELECT status FROM reminder_delivery WHERE id = $1`, [deliveryId]);
      return row ? 'already_sent' : 'gone';
    }
    const delivery = await this.load(deliveryId);
    try {
      const reminders = await this.reminders(delivery.reminder_ids);
      // Every reminder it carried was deleted with its task: nothing is left to say.
      if (reminders.length === 0) {
        await this.markSent(deliveryId);
        return 'empty';
      }
      const unit = delivery.unit_id ? { id: delivery.unit_id, name: delivery.unit_name ?? '' } : null;
      const digest = buildDigest({ id: delivery.id, day: delivery.day, unit }, reminders);
      if (delivery.channel === 'email') {
        await this.email.send({ to: delivery.contact_emails ?? [], subject: digest.subject, text: digest.body, idempotencyKey: delivery.id });
      } else {
        if (!delivery.webhook_url) throw new DeliveryFailure('该单位未设置 Webhook 地址（webhookUrl），无法推送', true);
        const format = delivery.webhook_format ?? 'generic';
        await this.webhook.send(delivery.webhook_url, format, webhookBody(digest, format), delivery.id);
      }
    } catch (error) {
      const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(`发送出错：${shortError((error as Error).message)}`);
      const last = failure.permanent || job.attemptsMade + 1 >= job.attempts;
      await exec(
        this.dataSource,
        `UPDATE reminder_delivery SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
          WHERE id = $1 AND status <> 'sent'`,
        [deliveryId, failure.message, last],
      );
      if (last) this.logger.error(`Delivery ${deliveryId} (${delivery.channel}) failed for good: ${failure.message}`);
      // Retrying cannot fix a missing configuration: fail the job now, a supervisor retries it once fixed.
      throw failure.permanent ? new UnrecoverableError(failure.message) : failure;
    }
    await this.markSent(deliveryId);
    return 'sent';
  }

  /** For a job that failed outside an attempt (its worker died more often than allowed). */
  async markFailed(deliveryId: string, reason: string): Promise<void> {
    await exec(
      this.dataSource,
      `UPDATE reminder_delivery SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`,
      [deliveryId, shortError(reason)],
    );
  }

  private async markSent(deliveryId: string): Promise<void> {
    await exec(
      this.dataSource,
      `UPDATE reminder_delivery SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
      [deliveryId],
    );
  }

  private async load(deliveryId: string): Promise<DeliveryRow> {
    const row = await one<DeliveryRow>(
      this.dataSource,
      `SELECT d.id, d.unit_id, u.name AS unit_name, d.channel, to_char(d.day, 'YYYY-MM-DD') AS day, d.status, d.reminder_ids,
              u.contact_emails, u.webhook_url, u.webhook_format
         FROM reminder_delivery d
         LEFT JOIN unit u ON u.id = d.unit_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row) throw new Error(`Delivery ${deliveryId} vanished while being sent`);
    return row;
  }

  /** 督办 first, then by plan and task number, the order the unit's list is kept in. */
  private async reminders(ids: string[]): Promise<DigestReminder[]> {
    const found = await rows<Record<string, any>>(
      this.dataSource,
      `SELECT r.id, r.kind, r.level, t.number, t.content, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.message
         FROM reminder r
         JOIN task t ON t.id = r.task_id
         JOIN plan p ON p.id = t.plan_id
        WHERE r.id = ANY($1::uuid[])
        ORDER BY r.level DESC, p.title, p.id, t.number, r.created_at, r.kind`,
      [ids],
    );
    return found.map((r) => ({
      id: r.id,
      kind: r.kind,
      level: r.level,
      taskNumber: r.number,
      taskContent: r.content,
      dueDate: r.due_date,
      message: r.message,
    }));
  }
}
