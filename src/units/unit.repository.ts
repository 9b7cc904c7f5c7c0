import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type EntityManager } from 'typeorm';
import { lockForTransaction } from '../database/advisory-locks';
import { managerOf, rows, type Db } from '../database/sql';
import { UnitGroup } from './unit-group.entity';
import { Unit } from './unit.entity';

/**
 * The join table keeps no order, so members are read oldest unit first: group fan-out positions (and with them
 * "unchanged" on re-import) must not depend on the plan the database happens to choose.
 */
const MEMBER_ORDER = { members: { createdAt: 'ASC', id: 'ASC' } } as const;

/** A name or alias already taken by a unit or a group. */
export interface NameClash {
  name: string;
  type: 'unit' | 'group';
  id: string;
  owner: string;
}

export type NewUnit = Pick<Unit, 'organizationId' | 'name' | 'kind' | 'aliases' | 'contactEmails' | 'webhookUrl' | 'webhookFormat'>;

/** The unit directory's reads and writes: units, groups and the names and aliases they answer to. */
@Injectable()
export class UnitRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): UnitRepository {
    return new UnitRepository(db);
  }

  private get manager(): EntityManager {
    return managerOf(this.db);
  }

  /** The units of the organizations (null: every organization), with their groups. */
  listWithGroups(organizationIds: readonly string[] | null): Promise<Unit[]> {
    return this.manager.getRepository(Unit).find({
      where: organizationIds ? { organizationId: In([...organizationIds]) } : {},
      relations: { groups: true },
      order: { kind: 'ASC', name: 'ASC' },
    });
  }

  findWithGroups(id: string): Promise<Unit | null> {
    return this.manager.getRepository(Unit).findOne({ where: { id }, relations: { groups: true } });
  }

  insert(unit: NewUnit): Promise<Unit> {
    return this.manager.getRepository(Unit).save(unit);
  }

  async update(id: string, changes: Partial<NewUnit>): Promise<void> {
    await this.manager.getRepository(Unit).update({ id }, changes);
  }

  /** Which of the given unit ids exist. */
  /** Which of `ids` are units of the organization (another organization's unit is as unknown). */
  async existing(organizationId: string, ids: string[]): Promise<Set<string>> {
    const found = await rows<{ id: string }>(this.db, `SELECT id FROM unit WHERE id = ANY($1) AND organization_id = $2`, [ids, organizationId]);
    return new Set(found.map((u) => u.id));
  }

  /** The organization's units whose name or an alias is among `names`. */
  findByNames(organizationId: string, names: string[]): Promise<Unit[]> {
    return this.manager
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .where('unit.organization_id = :organizationId AND (unit.name = ANY(:names) OR unit.aliases && :names)', { organizationId, names })
      .getMany();
  }

  /** The organization's units' ids, names and aliases, for the notice resolver. */
  namesAndAliases(organizationId: string): Promise<Array<Pick<Unit, 'id' | 'name' | 'aliases'>>> {
    return this.manager.getRepository(Unit).find({ where: { organizationId }, select: { id: true, name: true, aliases: true } });
  }

  /** The organizations' groups (null: every organization's) with their members (oldest unit first); by name when `byName`. */
  groupsWithMembers(organizationIds: readonly string[] | null, byName: boolean): Promise<UnitGroup[]> {
    const order = byName ? { name: 'ASC' as const, ...MEMBER_ORDER } : MEMBER_ORDER;
    const where = organizationIds ? { organizationId: In([...organizationIds]) } : {};
    return this.manager.getRepository(UnitGroup).find({ where, relations: { members: true }, order });
  }

  groupWithMembers(id: string): Promise<UnitGroup> {
    return this.manager.getRepository(UnitGroup).findOneOrFail({ where: { id }, relations: { members: true }, order: MEMBER_ORDER });
  }

  async insertGroup(group: Pick<UnitGroup, 'organizationId' | 'name' | 'aliases' | 'members'>): Promise<string> {
    return (await this.manager.getRepository(UnitGroup).save(group)).id;
  }

  /** Serializes writes to the directory until the transaction ends. */
  lockDirectory(): Promise<void> {
    return lockForTransaction(this.manager, 'unitDirectory');
  }

  /** The organization's units and groups (but `exceptId`) whose name or an alias is among `names`. */
  clashes(organizationId: string, names: string[], exceptId: string | null): Promise<NameClash[]> {
    return rows<NameClash>(
      this.db,
      `SELECT n.name, 'unit' AS type, u.id, u.name AS owner
         FROM unit u CROSS JOIN LATERAL unnest(u.aliases || u.name) AS n(name)
        WHERE n.name = ANY($1) AND u.id IS DISTINCT FROM $2 AND u.organization_id = $3
       UNION ALL
       SELECT n.name, 'group' AS type, g.id, g.name AS owner
         FROM unit_group g CROSS JOIN LATERAL unnest(g.aliases || g.name) AS n(name)
        WHERE n.name = ANY($1) AND g.id IS DISTINCT FROM $2 AND g.organization_id = $3`,
      [names, exceptId, organizationId],
    );
  }
}
