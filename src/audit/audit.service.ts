import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import type { Actor } from '../access/actor';
import { requestContext } from '../access/request-context';
import { BadRequestError } from '../common/domain-errors';
import { AuditRepository, type NewAuditEvent } from './audit.repository';
import type { AuditEventDto, ListAuditQueryDto } from './dto/audit.dto';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
}

/** The row an entry becomes: the actor (the request's, unless given), the request's id and client address. */
export function auditEvent(entry: AuditEntry, actor?: Pick<Actor, 'userId' | 'username'> & Partial<Pick<Actor, 'organizationId'>>): NewAuditEvent {
  const context = requestContext();
  const who = actor ?? context.actor;
  return {
    actorId: who?.userId ?? null,
    actorUsername: who?.username ?? 'anonymous',
    organizationId: who?.organizationId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: context.requestId,
    ip: context.ip,
  };
}

/** Every mutation and every login attempt leaves one row: who, what, on which record, before and after. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Pass the transaction's manager so the event commits (or rolls back) with the change it describes. */
  async record(
    entry: AuditEntry,
    manager: EntityManager = this.dataSource.manager,
    actor?: Pick<Actor, 'userId' | 'username'> & Partial<Pick<Actor, 'organizationId'>>,
  ): Promise<void> {
    await new AuditRepository(manager).append(auditEvent(entry, actor));
  }

  /**
   * The events of the reader's organization and those below it (or of one, `organizationId`); the system's own
   * work and logins under unknown names belong to no organization and are not listed.
   */
  async list(query: ListAuditQueryDto): Promise<{ items: AuditEventDto[]; total: number; page: number; pageSize: number }> {
    requirePermission('audit:read');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：from', [{ field: 'from', reason: '开始时间不能晚于结束时间 (from must not be after to)' }]);
    }
    const { organizationId, ...filter } = query;
    const organizationIds = this.access.listOrganizations(organizationId);
    const [rows, total] = await new AuditRepository(this.dataSource).page({ ...filter, organizationIds }, page, pageSize);
    return {
      items: rows.map((e) => ({ ...e, at: e.at.toISOString() })),
      total,
      page,
      pageSize,
    };
  }
}
