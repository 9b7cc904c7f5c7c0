import type { Role } from './roles';

/** Who is acting: the user behind the token, or the system itself (seeds, scheduled jobs, the CLI). */
export interface Actor {
  userId: string | null;
  username: string;
  role: Role | 'system';
  unitId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', role: 'system', unitId: null };
