import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AccessService } from '../../access/access.service';
import { requirePermission } from '../../access/permissions';
import { ConflictError, DomainError, NotFoundError } from '../../common/domain-errors';
import { DELIVERY_STATUS_LABELS } from '../../meta/labels';
import { DELIVER_JOB, DELIVERY_QUEUE } from '../../queue/queues';
import { QUEUES, type Queues } from '../../queue/queue.module';
import { DeliveryRepository } from './delivery.repository';
import type { ListDeliveriesQueryDto, ReminderDeliveryDto, ReminderDeliveryPageDto } from './dto/reminder-delivery.dto';

const STATUS_LABELS: Record<string, string> = DELIVERY_STATUS_LABELS;

/** What the office sees of the digests it sent, and the retry of those that failed. */
@Injectable()
export class ReminderDeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    @Inject(QUEUES) private readonly queues: Queues,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async list(query: ListDeliveriesQueryDto): Promise<ReminderDeliveryPageDto> {
    requirePermission('read:all');
    const organizationIds = this.access.listOrganization(query.organizationId);
    const filter = { organizationIds, status: query.status, channel: query.channel, unitId: query.unitId, day: query.day };
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const total = await this.deliveries.count(this.dataSource, filter);
    const items = await this.deliveries.page(this.dataSource, filter, pageSize, (page - 1) * pageSize);
    return { items, total, page, pageSize };
  }

  /** A failed digest goes back to pending and into the queue, for a fresh set of attempts. */
  async retry(id: string): Promise<ReminderDeliveryDto> {
    requirePermission('tasks:supervise');
    const before = await this.dataSource.transaction(async (manager) => {
      const row = await this.deliveries.lock(manager, id);
      if (!row) throw new NotFoundError('提醒发送记录', id);
      this.access.requireWriteOrganization(row.organizationId, '提醒发送记录', id);
      if (row.status !== 'failed') {
        throw new ConflictError('DELIVERY_NOT_FAILED', `只有发送失败的提醒可以重试，该记录当前为“${STATUS_LABELS[row.status] ?? row.status}”`, {
          status: row.status,
        });
      }
      await this.deliveries.markPending(manager, id);
      await this.audit.record(
        {
          action: 'reminder_delivery.retry',
          entity: 'reminder_delivery',
          entityId: id,
          before: { status: 'failed', attempts: row.attempts, lastError: row.lastError },
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
      await this.deliveries.revertToFailed(this.dataSource, id);
      throw new DomainError(503, 'QUEUE_UNAVAILABLE', `发送队列暂不可用，请稍后再试（${(error as Error).message}）`);
    }
    // As queued: a worker may already be sending it, so reading the row again could answer any later state.
    const { organizationId: _organization, ...delivery } = before;
    return { ...delivery, status: 'pending' };
  }
}
