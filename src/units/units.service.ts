import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { actingOrganization } from '../access/organizations';
import { can, requirePermission } from '../access/permissions';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import type { UnitDirectory } from '../notice-import/unit-resolver';
import type { CreateUnitGroupDto, UnitGroupDto } from './dto/unit-group.dto';
import type { CreateUnitDto, UnitDto, UpdateUnitDto } from './dto/unit.dto';
import type { UnitGroup } from './unit-group.entity';
import type { Unit } from './unit.entity';
import { normalizeUnitName, uniqueNames } from './unit-name';
import { UnitRepository } from './unit.repository';

interface Clash {
  name: string;
  usedBy: { type: 'unit' | 'group'; id: string; name: string };
}

@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UnitRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  /** The directory of the actor's organization, or of a readable one below it (`organizationId`). */
  async list(organizationId?: string): Promise<UnitDto[]> {
    const actor = requirePermission('registry:read');
    const units = await this.repository.listWithGroups(this.access.listOrganization(organizationId));
    const full = can(actor, 'units:write');
    return units.map((unit) => this.toDto(unit, full));
  }

  async create(dto: CreateUnitDto): Promise<UnitDto> {
    requirePermission('units:write');
    return this.dataSource.transaction(async (manager) => {
      const name = normalizeUnitName(dto.name);
      const aliases = uniqueNames(dto.aliases ?? []).filter((a) => a !== name);
      await this.assertNamesFree(manager, actingOrganization(), [name, ...aliases]);
      const unit = await this.repository.in(manager).insert({
        organizationId: actingOrganization(),
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
      const repository = this.repository.in(manager);
      const unit = await repository.findWithGroups(id);
      if (!unit) throw new NotFoundError('单位', id);
      this.access.requireWriteOrganization(unit.organizationId, '单位', id);
      const name = dto.name === undefined ? unit.name : normalizeUnitName(dto.name);
      const aliases = uniqueNames(dto.aliases ?? unit.aliases).filter((a) => a !== name);
      await this.assertNamesFree(manager, unit.organizationId, [name, ...aliases], id);
      const contacts = {
        contactEmails: dto.contactEmails === undefined ? unit.contactEmails : uniqueEmails(dto.contactEmails),
        webhookUrl: dto.webhookUrl === undefined ? unit.webhookUrl : dto.webhookUrl,
        webhookFormat: dto.webhookFormat ?? unit.webhookFormat,
      };
      await repository.update(id, { name, aliases, ...contacts, ...(dto.kind ? { kind: dto.kind } : {}) });
      const updated = { ...unit, name, aliases, ...contacts, kind: dto.kind ?? unit.kind };
      await this.audit.record(
        { action: 'unit.update', entity: 'unit', entityId: id, before: this.toDto(unit, false), after: this.toDto(updated, false) },
        manager,
      );
      return this.toDto(updated);
    });
  }

  async listGroups(organizationId?: string): Promise<UnitGroupDto[]> {
    requirePermission('registry:read');
    const groups = await this.repository.groupsWithMembers(this.access.listOrganization(organizationId), true);
    return groups.map((group) => this.toGroupDto(group));
  }

  async createGroup(dto: CreateUnitGroupDto): Promise<UnitGroupDto> {
    requirePermission('units:write');
    return this.dataSource.transaction(async (manager) => {
      const name = normalizeUnitName(dto.name);
      const aliases = uniqueNames(dto.aliases ?? []).filter((a) => a !== name);
      const organizationId = actingOrganization();
      await this.assertNamesFree(manager, organizationId, [name, ...aliases]);
      const members = await this.findUnitsByName(manager, organizationId, dto.members);
      const repository = this.repository.in(manager);
      const id = await repository.insertGroup({ organizationId, name, aliases, members });
      const group = await repository.groupWithMembers(id);
      const created = this.toGroupDto(group);
      await this.audit.record({ action: 'unit_group.create', entity: 'unit_group', entityId: id, after: created }, manager);
      return created;
    });
  }

  /** Everything the notice resolver needs of the organization's directory, read once per import. */
  async directory(manager: EntityManager, organizationId: string): Promise<UnitDirectory> {
    const repository = this.repository.in(manager);
    const units = await repository.namesAndAliases(organizationId);
    const groups = await repository.groupsWithMembers([organizationId], false);
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
    await this.repository.in(manager).lockDirectory();
  }

  private async findUnitsByName(manager: EntityManager, organizationId: string, names: string[]): Promise<Unit[]> {
    const wanted = uniqueNames(names);
    const units = await this.repository.in(manager).findByNames(organizationId, wanted);
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

  /** Within an organization a name or alias may stand for one unit or group only, or the notice resolver could not decide. */
  async assertNamesFree(manager: EntityManager, organizationId: string, names: string[], exceptId?: string): Promise<void> {
    await this.lockDirectory(manager);
    const clashes = await this.repository.in(manager).clashes(organizationId, names, exceptId ?? null);
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
