import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actingOrganization } from '../access/organizations';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import { normalizeUnitName } from '../units/unit-name';
import { UnitsService } from '../units/units.service';
import type { CreateOrganizationDto, OrganizationDto } from './dto/organization.dto';
import { isBelow, KIND_LABELS } from './organization-kinds';
import { OrganizationRepository, type OrganizationRow } from './organization.repository';

/** The organization tree as the actor sees it, and admins growing it one level down. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OrganizationRepository,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  /** Own organization first, then those below it that the actor reads (a unit user reads its own only). */
  async list(): Promise<OrganizationDto[]> {
    const own = actingOrganization();
    const readable = this.access.readableOrganizations();
    const tree = await this.repository.subtree(own);
    return tree.filter((o) => readable === null || readable.includes(o.id)).map((o) => this.toDto(o, own));
  }

  /** A child of the admin's organization, with the unit that stands for it there (`${name}人民政府`). */
  async create(dto: CreateOrganizationDto): Promise<OrganizationDto> {
    requirePermission('users:manage');
    const parentId = actingOrganization();
    const name = normalizeUnitName(dto.name);
    return this.dataSource.transaction(async (manager) => {
      const repository = this.repository.in(manager);
      const parent = await repository.find(parentId);
      if (!parent) throw new NotFoundError('组织', parentId);
      if (!isBelow(dto.kind, parent.kind)) {
        throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：kind', [
          { field: 'kind', reason: `下级组织的层级必须低于本级（${KIND_LABELS[parent.kind]}）(kind must be below the parent's)` },
        ]);
      }
      const unitName = `${name}人民政府`;
      // Takes the directory lock first, so the organization's own name is checked under it too.
      await this.units.assertNamesFree(manager, parentId, [unitName]);
      if (await repository.childNamed(parentId, name)) {
        throw new ConflictError('NAME_CLASH', `名称重复：下级组织“${name}”已存在`, { clashes: [{ name, usedBy: { type: 'organization' } }] });
      }
      const id = await repository.insert(parentId, name, dto.kind);
      await repository.insertRepresentingUnit(parentId, id, unitName, dto.kind === 'county' ? 'county' : 'other');
      const created = this.toDto((await repository.find(id))!, parentId, 1);
      await this.audit.record({ action: 'organization.create', entity: 'organization', entityId: id, after: created }, manager);
      return created;
    });
  }

  private toDto(row: OrganizationRow, own: string, depth = row.depth): OrganizationDto {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      parentId: row.parentId,
      depth,
      writable: row.id === own,
      representedBy: row.representedBy,
    };
  }
}
