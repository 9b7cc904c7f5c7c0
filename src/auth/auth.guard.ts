import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../access/access-errors';
import { ACCESS_KEY, type RouteAccess } from '../access/permission.decorator';
import { can } from '../access/permissions';
import { requestContext } from '../access/request-context';
import { AuthService } from './auth.service';

/**
 * Global: authenticates every route not marked public and checks the permission the route declares. A route
 * that declares nothing is refused (fail closed). Object-level checks (which unit's task) are AccessService's.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (rule === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    const token = header && /^bearer /i.test(header) ? header.slice(7).trim() : null;
    const actor = token ? await this.auth.authenticate(token) : null;
    if (!actor) throw new UnauthorizedError();
    requestContext().actor = actor;
    if (!rule || (rule !== 'signed-in' && !can(actor, rule))) throw new ForbiddenError();
    return true;
  }
}
