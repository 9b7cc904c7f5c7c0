import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { can, requirePermission } from '../access/permissions';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import { lockForTransaction } from '../database/advisory-locks';
import type { UnitDirectory } from '../notice-import/unit-resolver';
import type { CreateUnitGroupDto, UnitGroupDto } from './dto/unit-group.dto';
import type { CreateUnitDto, UnitDto, UpdateUnitDto } from './dto/unit.dto';
import { UnitGroup } from './unit-group.entity';
import { Unit } from './unit.entity';
import { normalizeUnitName, uniqueNames } from './unit-name';

interface Clash {
  name: string;
  usedBy: { type: 'unit' | 'group'; id: string; name: string };
}

/**
 * The join table keeps no order, so members are read oldest unit first: group fan-out positions (and with them
 * "unchanged" on re-import) must not depend on the plan the database happens to choose.
 */
const MEMBER_ORDER = { members: { createdAt: 'ASC', id: 'ASC' } } as const;

@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UnitDto[]> {
    const actor = requirePermission('registry:read');
    const units = await this.dataSource.getRepository(Unit).find({
      relations: { groups: true },
      order: { kind: 'ASC', name: 'ASC' },
    });
    const full = can(actor, 'units:write');
    return units.map((unit) => this.toDto(unit, full));
  }

  async create(dto: CreateUnitDto): Promise<UnitDto> {
    requirePermission('units:write');
    return this.dataSource.transaction(async (manager) => {
      const name = normalizeUnitName(dto.name);
      const aliases = uniqueNames(dto.aliases ?? []).filter((a) => a !== name);
      await this.assertNamesFree(manager, [name, ...aliases]);
      const unit = await manager.getRepository(Unit).save({
        name,
        kind: dto.kind ?? 'department',
        aliases,
        contactEmails: uniqueEmails(dto.contactEmails ?? []),
        webhookUrl: dto.webhookUrl ?? null,
        webhookFormat: dto.webhookFormat ?? 'generic',
      });
      const created = { ...unit, groups: [] };
      // The audit trail is read by supervisors too: it keeps the webhook's host, not its token.
      await this.audit.record({ action: 'unit.create', entity: 'unit', entityId: unit.id, after: this.toDto(created, false) }, manager);
      return this.toDto(created);
    });
  }

  async update(id: string, dto: UpdateUnitDto): Promise<UnitDto> {
    requirePermission('units:write');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Unit);
      const unit = await repo.findOne({ where: { id }, relations: { groups: true } });
      if (!unit) throw new NotFoundError('单位', id);
      const name = dto.name === undefined ? unit.name : normalizeUnitName(dto.name);
      const aliases = uniqueNames(dto.aliases ?? unit.aliases).filter((a) => a !== name);
      await this.assertNamesFree(manager, [name, ...aliases], id);
      const contacts = {
        contactEmails: dto.contactEmails === undefined ? unit.contactEmails : uniqueEmails(dto.contactEmails),
        webhookUrl: dto.webhookUrl === undefined ? unit.webhookUrl : dto.webhookUrl,
        webhookFormat: dto.webhookFormat ?? unit.webhookFormat,
      };
      await repo.update({ id }, { name, aliases, ...contacts, ...(dto.kind ? { kind: dto.kind } : {}) });
      const updated = { ...unit, name, aliases, ...contacts, kind: dto.kind ?? unit.kind };
      await this.audit.record(
        { action: 'unit.update', entity: 'unit', entityId: id, before: this.toDto(unit, false), after: this.toDto(updated, false) },
        manager,
      );
      return this.toDto(updated);
    });
  }

  async listGroups(): Promise<UnitGroupDto[]> {
    requirePermission('registry:read');
    const groups = await this.dataSource.getRepository(UnitGroup).find({
      relations: { members: true },
      order: { name: 'ASC', ...MEMBER_ORDER },
    });
    return groups.map((group) => this.toGroupDto(group));
  }

  async createGroup(dto: CreateUnitGroupDto): Promise<UnitGroupDto> {
    requirePermission('units:write');
    return this.dataSource.transaction(async (manager) => {
      const name = normalizeUnitName(dto.name);
      const aliases = uniqueNames(dto.aliases ?? []).filter((a) => a !== name);
      await this.assertNamesFree(manager, [name, ...aliases]);
      const members = await this.findUnitsByName(manager, dto.members);
      const { id } = await manager.getRepository(UnitGroup).save({ name, aliases, members });
      const group = await manager
        .getRepository(UnitGroup)
        .findOneOrFail({ where: { id }, relations: { members: true }, order: MEMBER_ORDER });
      const created = this.toGroupDto(group);
      await this.audit.record({ action: 'unit_group.create', entity: 'unit_group', entityId: id, after: created }, manager);
      return created;
    });
  }

  /** Everything the notice resolver needs, read once per import. */
  async directory(manager: EntityManager = this.dataSource.manager): Promise<UnitDirectory> {
    const units = await manager.getRepository(Unit).find({ select: { id: true, name: true, aliases: true } });
    const groups = await manager.getRepository(UnitGroup).find({ relations: { members: true }, order: MEMBER_ORDER });
    return {
      units: units.map(({ id, name, aliases }) => ({ id, name, aliases })),
      groups: groups.map(({ id, name, aliases, members }) => ({
        id,
        name,
        aliases,
        memberIds: (members ?? []).map((m) => m.id),
      })),
    };
  }

  async lockDirectory(manager: EntityManager): Promise<void> {
    await lockForTransaction(manager, 'unitDirectory');
  }

  private async findUnitsByName(manager: EntityManager, names: string[]): Promise<Unit[]> {
    const wanted = uniqueNames(names);
    const units: Unit[] = await manager
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .where('unit.name = ANY(:wanted) OR unit.aliases && :wanted', { wanted })
      .getMany();
    const known = new Set(units.flatMap((u) => [u.name, ...u.aliases]));
    const unknown = wanted.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new BadRequestError('UNKNOWN_UNITS', `以下成员单位不存在：${unknown.join('、')}`, {
        field: 'members',
        unknown,
      });
    }
    return units;
  }

  /** A name or alias may stand for one unit or group only, or the notice resolver could not decide. */
  private async assertNamesFree(manager: EntityManager, names: string[], exceptId?: string): Promise<void> {
    await this.lockDirectory(manager);
    const clashes: Array<{ name: string; type: 'unit' | 'group'; id: string; owner: string }> = await manager.query(
      `SELECT n.name, 'unit' AS type, u.id, u.name AS owner
         FROM unit u CROSS JOIN LATERAL unnest(u.aliases || u.name) AS n(name)
        WHERE n.name = ANY($1) AND u.id IS DISTINCT FROM $2
       UNION ALL
       SELECT n.name, 'group' AS type, g.id, g.name AS owner
         FROM unit_group g CROSS JOIN LATERAL unnest(g.aliases || g.name) AS n(name)
        WHERE n.name = ANY($1) AND g.id IS DISTINCT FROM $2`,
      [names, exceptId ?? null],
    );
    if (clashes.length === 0) return;
    const details: Clash[] = clashes.map((c) => ({ name: c.name, usedBy: { type: c.type, id: c.id, name: c.owner } }));
    const described = details
      .map((c) => `“${c.name}”已被${c.usedBy.type === 'unit' ? '单位' : '单位组'}“${c.usedBy.name}”使用`)
      .join('；');
    throw new ConflictError('NAME_CLASH', `名称或别名重复：${described}`, { clashes: details });
  }

  /** `full`: the webhook URL as stored; others see only its origin, since robot URLs carry their access token. */
  private toDto(unit: Unit, full = true): UnitDto {
    return {
      id: unit.id,
      name: unit.name,
      kind: unit.kind,
      aliases: unit.aliases,
      groups: (unit.groups ?? []).map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
      contactEmails: unit.contactEmails ?? [],
      webhookUrl: unit.webhookUrl && !full ? `${new URL(unit.webhookUrl).origin}/…` : (unit.webhookUrl ?? null),
      webhookFormat: unit.webhookFormat ?? 'generic',
    };
  }

  private toGroupDto(group: UnitGroup): UnitGroupDto {
    return {
      id: group.id,
      name: group.name,
      aliases: group.aliases,
      members: (group.members ?? []).map(({ id, name }) => ({ id, name })),
    };
  }
}

/** Addresses compare case-insensitively; keep the first spelling of each. */
function uniqueEmails(emails: string[]): string[] {
  const seen = new Set<string>();
  return emails.map((e) => e.trim()).filter((e) => !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
}
