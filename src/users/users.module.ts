import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LoginThrottle } from './login-throttle';
import { runAsSystem } from '../access/request-context';
import { Env } from '../config/env';
import { UsersController } from './users.controller';
import { UserCache } from './user-cache';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UsersService, LoginThrottle, UserCache],
  exports: [UsersService, LoginThrottle, UserCache],
})
export class UsersModule implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_USERNAME, ADMIN_PASSWORD } = this.env;
    if (ADMIN_USERNAME && ADMIN_PASSWORD) await runAsSystem(() => this.users.ensureBootstrapAdmin(ADMIN_USERNAME, ADMIN_PASSWORD));
  }
}
