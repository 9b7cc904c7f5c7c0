import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions';

export const ACCESS_KEY = 'duban:access';

/**
 * Who may call a route at all: anyone (`'public'`, no token), any signed-in user, or the holders of a permission.
 * The global guard (src/auth/auth.guard.ts) enforces it and refuses a route that declares nothing; the services
 * check the object (AccessService).
 */
export type RouteAccess = 'public' | 'signed-in' | Permission;

export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies RouteAccess);
export const SignedIn = () => SetMetadata(ACCESS_KEY, 'signed-in' satisfies RouteAccess);
export const Requires = (permission: Permission) => SetMetadata(ACCESS_KEY, permission satisfies RouteAccess);
