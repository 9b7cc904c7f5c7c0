import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from './access-policy';
import { ACCESS_KEY, type AccessRule } from './access.decorator';
import { AuthService } from './auth.service';
import { requestContext } from './request-context';

/**
 * Global: authenticates every route not marked public and checks the route's roles. A route without an
 * access rule is refused (fail closed). Object-level checks (which unit's task) are the services' job.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (rule === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    const token = header && /^bearer /i.test(header) ? header.slice(7).trim() : null;
    const actor = token ? await this.auth.authenticate(token) : null;
    if (!actor) throw new UnauthorizedError();
    requestContext().actor = actor;
    if (!rule || !rule.includes(actor.role as never)) throw new ForbiddenError();
    return true;
  }
}
