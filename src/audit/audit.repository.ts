import type { DataSource, EntityManager } from 'typeorm';
import { organizationScopeSql } from '../access/access.repository';
import { AuditEvent } from './audit-event.entity';

export type NewAuditEvent = Pick<
  AuditEvent,
  'actorId' | 'actorUsername' | 'organizationId' | 'action' | 'entity' | 'entityId' | 'before' | 'after' | 'requestId' | 'ip'
>;

export interface AuditFilter {
  /** The organizations whose events are listed (the acting user's); null: every event, the system's included. */
  organizationIds: readonly string[] | null;
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** Inclusive, an ISO instant. */
  from?: string;
  /** Exclusive, an ISO instant. */
  to?: string;
}

/** The audit trail (audit_event): appended to, and read newest first. */
export class AuditRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  async append(event: NewAuditEvent): Promise<void> {
    await this.db.getRepository(AuditEvent).insert(event);
  }

  /** One page of the events that match, newest first, and how many match in all. */
  async page(filter: AuditFilter, page: number, pageSize: number): Promise<[AuditEvent[], number]> {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.organizationIds !== null) qb.andWhere(organizationScopeSql('e.organization_id', ':organizationIds'), { organizationIds: filter.organizationIds });
    if (filter.entity) qb.andWhere('e.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.from) qb.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.at < :to', { to: filter.to });
    return qb
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
