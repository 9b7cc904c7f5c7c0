import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UnauthorizedError } from '../access/access-errors';
import type { Actor } from '../access/actor';
import { currentActor } from '../access/permissions';
import { requestContext } from '../access/request-context';
import { AuditService } from '../audit/audit.service';
import { BadRequestError } from '../common/domain-errors';
import type { UserDto } from '../users/dto/user.dto';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../users/password';
import { User } from '../users/user.entity';
import { LoginThrottle, LoginThrottledError } from '../users/login-throttle';
import { UserCache } from '../users/user-cache';
import { toUserDto } from '../users/users.service';
import type { ChangePasswordDto, LoginDto, LoginResultDto } from './dto/auth.dto';
import { TokenService } from './token.service';

const WRONG_CREDENTIALS = '用户名或密码错误';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly users: UserCache,
  ) {}

  async login(dto: LoginDto): Promise<LoginResultDto> {
    const username = dto.username.trim().toLowerCase();
    const ip = requestContext().ip ?? 'unknown';
    // Counted before the password is checked; a failure stays counted.
    await this.throttled(username, ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne()
      .catch(async (error: unknown) => {
        // No verdict on the password (PostgreSQL away: 503): the attempt must not count as a failure.
        await this.throttle.abandon(username, ip).catch(() => undefined);
        throw error;
      });
    const valid = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH), dto.password);
    // Filed under the account's organization, whose auditors read it.
    const attempted = { userId: user?.id ?? null, username, organizationId: user?.organizationId ?? null };
    if (!user || !valid || !user.active) {
      const reason = !user ? 'unknown_user' : !valid ? 'wrong_password' : 'disabled';
      await this.audit.record({ action: 'auth.login_failed', entity: 'user', entityId: user?.id, after: { reason } }, undefined, attempted);
      throw new UnauthorizedError(user && valid ? '账号已停用，请联系管理员' : WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(username, ip);
    await this.audit.record({ action: 'auth.login', entity: 'user', entityId: user.id }, undefined, attempted);
    const { token, expiresIn } = this.tokens.sign({ sub: user.id, ver: user.tokenVersion, role: user.role });
    return { accessToken: token, expiresIn, user: toUserDto(user) };
  }

  /**
   * The user behind a token, if the token is valid and still current (not disabled, not superseded). The user
   * is read through UserCache: a change made in another api process is seen within USER_CACHE_TTL_MS.
   */
  async authenticate(token: string): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const user = await this.users.get(claims.sub);
    if (!user || !user.active || user.tokenVersion !== claims.ver) return null;
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      unitId: user.unitId,
      organizationId: user.organizationId,
      organizationTree: user.organizationTree,
    };
  }

  async me(): Promise<UserDto> {
    const actor = currentActor();
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: actor.userId ?? '' } });
    if (!user) throw new UnauthorizedError();
    return toUserDto(user);
  }

  /** Counts the attempt; a refused one (429) is audited too, so a guessing run shows in the record. */
  private async throttled(username: string, ip: string): Promise<void> {
    try {
      await this.throttle.begin(username, ip);
    } catch (error) {
      if (error instanceof LoginThrottledError) {
        const after = { scope: error.scope, retryAfterSeconds: error.retryAfterSeconds };
        await this.audit.record({ action: 'auth.login_throttled', entity: 'user', entityId: null, after }, undefined, { userId: null, username });
      }
      throw error;
    }
  }

  async changePassword(dto: ChangePasswordDto): Promise<void> {
    const actor = currentActor();
    const ip = requestContext().ip ?? 'unknown';
    // The current password is a secret too: a stolen token must not make it guessable without limit.
    await this.throttled(actor.username, ip);
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const user = await repo
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id: actor.userId })
        .setLock('pessimistic_write')
        .getOne();
      if (!user) throw new UnauthorizedError();
      if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
        throw new BadRequestError('WRONG_PASSWORD', '当前密码不正确', [{ field: 'currentPassword', reason: '当前密码不正确' }]);
      }
      await repo.update({ id: user.id }, { passwordHash: await hashPassword(dto.newPassword), tokenVersion: user.tokenVersion + 1 });
      await this.throttle.succeeded(actor.username, ip);
      await this.audit.record({ action: 'user.password_change', entity: 'user', entityId: user.id }, manager);
    });
    this.users.forget(actor.userId!);
  }
}
