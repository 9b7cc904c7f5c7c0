import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { actingOrganization } from '../access/organizations';
import { requirePermission } from '../access/permissions';
import { LoginThrottle } from './login-throttle';
import type { Role } from '../access/roles';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import { lockForTransaction } from '../database/advisory-locks';
import { Unit } from '../units/unit.entity';
import type { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { hashPassword } from './password';
import { UserCache } from './user-cache';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  private readonly logger = new Logger('users');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly cache: UserCache,
    private readonly access: AccessService,
  ) {}

  /** The accounts of the admin's organization, or of one below it (`organizationId`). */
  async list(organizationId?: string): Promise<UserDto[]> {
    requirePermission('users:manage');
    const organizations = this.access.listOrganization(organizationId);
    const users = await this.dataSource
      .getRepository(User)
      .find({ where: { organizationId: In([...organizations]) }, order: { role: 'ASC', username: 'ASC' } });
    return users.map(toUserDto);
  }

  /**
   * Opens an account in the admin's organization, or in one below it (`organizationId`): a province's admin opens
   * a new city's first admin, who then manages the city's accounts.
   */
  async create(dto: CreateUserDto): Promise<UserDto> {
    requirePermission('users:manage');
    const organizationId = dto.organizationId ?? actingOrganization();
    this.access.requireManageAccountsOf(organizationId, '组织', organizationId);
    return this.dataSource.transaction(async (manager) => {
      const username = dto.username.trim().toLowerCase();
      // Two requests for one name queue here, so the second gets the 409 below instead of failing its INSERT on the
      // unique index (a failed query is logged with its parameters, the password hash among them).
      await lockForTransaction(manager, 'username', username);
      await this.assertUnitFits(manager, organizationId, dto.role, dto.unitId ?? null);
      const taken = await manager.getRepository(User).exists({ where: { username } });
      if (taken) throw new ConflictError('USERNAME_TAKEN', `用户名“${username}”已被使用`, { field: 'username' });
      const user = await manager.getRepository(User).save({
        organizationId,
        username,
        displayName: dto.displayName?.trim() || username,
        passwordHash: await hashPassword(dto.password),
        role: dto.role,
        unitId: dto.unitId ?? null,
      });
      const created = toUserDto(user);
      await this.audit.record({ action: 'user.create', entity: 'user', entityId: user.id, after: created }, manager);
      return created;
    });
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
    requirePermission('users:manage');
    const updated = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('用户', id);
      this.access.requireManageAccountsOf(user.organizationId, '用户', id);
      const before = toUserDto(user);
      const role = dto.role ?? user.role;
      const unitId = dto.unitId !== undefined ? dto.unitId : role === 'unit_user' ? user.unitId : null;
      await this.assertUnitFits(manager, user.organizationId, role, unitId);
      const changes: Partial<User> = {
        displayName: dto.displayName?.trim() ?? user.displayName,
        role,
        unitId,
        active: dto.active ?? user.active,
      };
      if (dto.password) changes.passwordHash = await hashPassword(dto.password);
      // Anything that changes what a token may do ends the tokens already issued.
      const revokes = dto.password !== undefined || role !== user.role || unitId !== user.unitId || changes.active !== user.active;
      if (revokes) changes.tokenVersion = user.tokenVersion + 1;
      await repo.update({ id }, changes);
      const after = toUserDto({ ...user, ...changes });
      await this.audit.record(
        { action: 'user.update', entity: 'user', entityId: id, before, after: { ...after, passwordChanged: !!dto.password } },
        manager,
      );
      return after;
    });
    // Committed: this process's guard reads the user afresh (other processes within USER_CACHE_TTL_MS).
    this.cache.forget(id);
    return updated;
  }

  /** Lifts a username-wide login lock and forgets the user's failed logins from every address (audited). */
  async unlock(id: string): Promise<void> {
    requirePermission('users:manage');
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!user) throw new NotFoundError('用户', id);
    this.access.requireManageAccountsOf(user.organizationId, '用户', id);
    await this.throttle.unlock(user.username);
    await this.audit.record({ action: 'user.unlock', entity: 'user', entityId: id });
  }

  /** Used by the CLI, the bootstrap and the demo seed (as the system actor). */
  async createIfMissing(input: CreateUserDto): Promise<boolean> {
    const exists = await this.dataSource.getRepository(User).exists({ where: { username: input.username.toLowerCase() } });
    if (exists) return false;
    await this.create(input);
    return true;
  }

  async ensureBootstrapAdmin(username: string, password: string): Promise<void> {
    const hasAdmin = await this.dataSource.getRepository(User).exists({ where: { role: 'admin', active: true } });
    if (hasAdmin) return;
    if (await this.dataSource.getRepository(User).exists({ where: { username: username.trim().toLowerCase() } })) {
      // Never turn an existing account into an admin from the environment; say why nothing happened instead.
      this.logger.warn(
        `No active admin, but “${username}” (ADMIN_USERNAME) already exists and is not an active admin: ` +
          're-enable an admin or create one with `npm run cli -- user:create`');
      return;
    }
    await this.create({ username, password, role: 'admin', displayName: '系统管理员' });
    this.logger.log(`Created the first admin “${username}” from ADMIN_USERNAME / ADMIN_PASSWORD`);
  }

  /** A unit user's unit is one of its account's organization (the schema's same-organization key backs it). */
  private async assertUnitFits(manager: EntityManager, organizationId: string, role: Role, unitId: string | null): Promise<void> {
    if (role === 'unit_user' && !unitId) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：unitId', [
        { field: 'unitId', reason: '单位用户必须指定所属单位 (unit_user needs unitId)' },
      ]);
    }
    if (role !== 'unit_user' && unitId) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：unitId', [
        { field: 'unitId', reason: '只有单位用户可以绑定单位 (only unit_user has a unit)' },
      ]);
    }
    if (unitId && !(await manager.getRepository(Unit).exists({ where: { id: unitId, organizationId } }))) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：unitId', [{ field: 'unitId', reason: '单位不存在 (no such unit)' }]);
    }
  }
}

export function toUserDto(user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'unitId' | 'active'>): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    active: user.active,
  };
}
