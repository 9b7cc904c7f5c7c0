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

/** The columns an appended event fills, in the order of `auditValues`; id and at take their defaults. */
export const AUDIT_COLUMNS = 'actor_id, organization_id, actor_username, action, entity, entity_id, before, after, request_id, ip';

/** An event's values in AUDIT_COLUMNS order; jsonb travels as JSON text (an array would otherwise bind as a SQL array). */
export function auditValues(event: NewAuditEvent): unknown[] {
  const json = (value: object | null) => (value === null ? null : JSON.stringify(value));
  return [
    event.actorId,
    event.organizationId,
    event.actorUsername,
    event.action,
    event.entity,
    event.entityId,
    json(event.before),
    json(event.after),
    event.requestId,
    event.ip,
  ];
}

/** The audit trail (audit_event): appended to, and read newest first. */
export class AuditRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /**
   * One plain INSERT (no RETURNING, no entity mapping): every mutation writes one. `query` runs in the manager's
   * transaction, or on a connection of its own for the data source, as the entity insert did.
   */
  async append(event: NewAuditEvent): Promise<void> {
    await this.db.query(`INSERT INTO audit_event (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, auditValues(event));
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
