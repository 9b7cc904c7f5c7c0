import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { exec, one, rows, type Db } from '../database/sql';
import type { OrganizationKind } from './organization-kinds';

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  depth: number;
  representedBy: { unitId: string; unitName: string } | null;
}

const COLUMNS = `o.id, o.name, o.kind, o.parent_id AS "parentId",
  (SELECT json_build_object('unitId', u.id, 'unitName', u.name) FROM unit u
    WHERE u.represents_organization_id = o.id AND u.organization_id = o.parent_id) AS "representedBy"`;

/** The organization tree's reads and writes. */
@Injectable()
export class OrganizationRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): OrganizationRepository {
    return new OrganizationRepository(db);
  }

  /** `root` and every organization below it, depth-first with siblings by name (root's depth 0). */
  subtree(root: string): Promise<OrganizationRow[]> {
    return rows<OrganizationRow>(
      this.db,
      `WITH RECURSIVE tree AS (
         SELECT o.id, 0 AS depth, ARRAY[o.name] AS path FROM organization o WHERE o.id = $1
         UNION ALL
         SELECT c.id, tree.depth + 1, tree.path || c.name FROM organization c JOIN tree ON c.parent_id = tree.id WHERE tree.depth < 16
       )
       SELECT ${COLUMNS}, tree.depth FROM tree JOIN organization o ON o.id = tree.id ORDER BY tree.path COLLATE "C"`,
      [root],
    );
  }

  find(id: string): Promise<OrganizationRow | null> {
    return one<OrganizationRow>(this.db, `SELECT ${COLUMNS}, 0 AS depth FROM organization o WHERE o.id = $1`, [id]);
  }

  /** Whether a child of `parentId` is already called `name`. */
  async childNamed(parentId: string, name: string): Promise<{ id: string } | null> {
    return one<{ id: string }>(this.db, `SELECT id FROM organization WHERE parent_id = $1 AND name = $2`, [parentId, name]);
  }

  /** A new organization; a null parent makes it a root (a province). */
  async insert(parentId: string | null, name: string, kind: OrganizationKind): Promise<string> {
    const row = await one<{ id: string }>(this.db, `INSERT INTO organization (parent_id, name, kind) VALUES ($1, $2, $3) RETURNING id`, [
      parentId,
      name,
      kind,
    ]);
    return row!.id;
  }

  /** Renames an organization and puts it under `parentId` (the demo seed places the default organization in its province). */
  async place(id: string, name: string, parentId: string): Promise<void> {
    await exec(this.db, `UPDATE organization SET name = $2, parent_id = $3 WHERE id = $1`, [id, name, parentId]);
  }

  /** The unit of `parentId` that stands for the organization `representsId` (tasks assigned to it are delivered there). */
  async insertRepresentingUnit(parentId: string, representsId: string, name: string, kind: 'county' | 'other'): Promise<string> {
    const row = await one<{ id: string }>(
      this.db,
      `INSERT INTO unit (organization_id, name, kind, represents_organization_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [parentId, name, kind, representsId],
    );
    return row!.id;
  }
}
