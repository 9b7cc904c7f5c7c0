import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { requirePermission } from '../../access/permissions';
import { ConflictError, DomainError, NotFoundError } from '../../common/domain-errors';
import { DELIVERY_STATUS_LABELS } from '../../meta/labels';
import { DELIVER_JOB, DELIVERY_QUEUE } from '../../queue/queues';
import { QUEUES, type Queues } from '../../queue/queue.module';
import type { ListDeliveriesQueryDto, ReminderDeliveryDto, ReminderDeliveryPageDto } from './dto/reminder-delivery.dto';

const STATUS_LABELS: Record<string, string> = DELIVERY_STATUS_LABELS;

const SELECT_DELIVERIES = `
  SELECT d.id, d.unit_id, u.name AS unit_name, d.audience, d.channel, to_char(d.day, 'YYYY-MM-DD') AS day, d.status,
         d.attempts, d.last_error, d.last_attempt_at, cardinality(d.reminder_ids) AS reminder_count, d.sent_at, d.created_at
    FROM reminder_delivery d
    LEFT JOIN unit u ON u.id = d.unit_id`;

/** What the office sees of the digests it sent, and the retry of those that failed. */
@Injectable()
export class ReminderDeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QUEUES) private readonly queues: Queues,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListDeliveriesQueryDto): Promise<ReminderDeliveryPageDto> {
    requirePermission('read:all');
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (query.status) where.push(`d.status = ${bind(query.status)}`);
    if (query.channel) where.push(`d.channel = ${bind(query.channel)}`);
    if (query.unitId) where.push(`d.unit_id = ${bind(query.unitId)}`);
    if (query.day) where.push(`d.day = ${bind(query.day)}::date`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM reminder_delivery d ${clause}`, params);
    const rows = await this.dataSource.query(
      `${SELECT_DELIVERIES} ${clause} ORDER BY d.day DESC, d.created_at DESC, d.id LIMIT ${bind(pageSize)} OFFSET ${bind((page - 1) * pageSize)}`,
      params,
    );
    return { items: rows.map(toDto), total, page, pageSize };
  }

  /** A failed digest goes back to pending and into the queue, for a fresh set of attempts. */
  async retry(id: string): Promise<ReminderDeliveryDto> {
    requirePermission('tasks:supervise');
    const before = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`${SELECT_DELIVERIES} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
      if (!row) throw new NotFoundError('提醒发送记录', id);
      if (row.status !== 'failed') {
        throw new ConflictError('DELIVERY_NOT_FAILED', `只有发送失败的提醒可以重试，该记录当前为“${STATUS_LABELS[row.status] ?? row.status}”`, {
          status: row.status,
        });
      }
      await manager.query(`UPDATE reminder_delivery SET status = 'pending' WHERE id = $1`, [id]);
      await this.audit.record(
        {
          action: 'reminder_delivery.retry',
          entity: 'reminder_delivery',
          entityId: id,
          before: { status: 'failed', attempts: row.attempts, lastError: row.last_error },
          after: { status: 'pending' },
        },
        manager,
      );
      return row;
    });
    // The first job's id (the delivery id) stays taken by the failed job BullMQ keeps, so a retry needs its own;
    // the attempt count makes it unique per retry. Not "…:retry:n": BullMQ reserves ':' in ids for its own use.
    const jobId = `${id}-retry-${before.attempts}`;
    try {
      await this.queues[DELIVERY_QUEUE].add(DELIVER_JOB, { deliveryId: id }, { jobId });
    } catch (error) {
      await this.dataSource.query(`UPDATE reminder_delivery SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [id]);
      throw new DomainError(503, 'QUEUE_UNAVAILABLE', `发送队列暂不可用，请稍后再试（${(error as Error).message}）`);
    }
    // As queued: a worker may already be sending it, so reading the row again could answer any later state.
    return toDto({ ...before, status: 'pending' });
  }
}

function toDto(r: Record<string, any>): ReminderDeliveryDto {
  const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
  return {
    id: r.id,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name } : null,
    audience: r.audience,
    channel: r.channel,
    day: r.day,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    lastAttemptAt: iso(r.last_attempt_at),
    reminderCount: r.reminder_count,
    sentAt: iso(r.sent_at),
    createdAt: iso(r.created_at)!,
  };
}
