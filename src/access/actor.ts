import type { Role } from './roles';

/** Who is acting: the user behind the token, or the system itself (seeds, scheduled jobs, the CLI). */
export interface Actor {
  userId: string | null;
  username: string;
  role: Role | 'system';
  unitId: string | null;
  /** The organization the user acts in (null: the system, which acts in every organization). */
  organizationId: string | null;
  /** Its organization and every organization below it, own first (empty for the system). */
  organizationTree: readonly string[];
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', role: 'system', unitId: null, organizationId: null, organizationTree: [] };
