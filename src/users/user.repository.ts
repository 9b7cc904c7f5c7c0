import type { DataSource } from 'typeorm';
import { one } from '../database/sql';
import type { User } from './user.entity';

/** What checking a token needs to know of its user, with its organization's subtree (own first). */
export type TokenHolder = Pick<User, 'id' | 'username' | 'role' | 'unitId' | 'active' | 'tokenVersion' | 'organizationId'> & {
  organizationTree: string[];
};

export function loadTokenHolder(dataSource: DataSource, userId: string): Promise<TokenHolder | null> {
  return one<TokenHolder>(
    dataSource,
    `SELECT u.id, u.username, u.role, u.unit_id AS "unitId", u.active, u.token_version AS "tokenVersion",
            u.organization_id AS "organizationId",
            array(SELECT s.id FROM organization_subtree(u.organization_id) s ORDER BY s.depth, s.id) AS "organizationTree"
     FROM app_user u WHERE u.id = $1`,
    [userId],
  );
}
