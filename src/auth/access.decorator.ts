import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ACCESS_KEY = 'duban:access';

/** Who may call the route at all: `'public'` (no token) or the roles that may. Services check the object. */
export type AccessRule = 'public' | readonly Role[];

export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies AccessRule);
export const Access = (...roles: Role[]) => SetMetadata(ACCESS_KEY, roles satisfies AccessRule);
export const AnyRole = () => SetMetadata(ACCESS_KEY, ['admin', 'supervisor', 'unit_user', 'leader'] satisfies AccessRule);
