import { Global, Module } from '@nestjs/common';
import { OrganizationScope } from '../database/organization-scope';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';

/** Global: every feature module's services ask the one AccessService. */
@Global()
@Module({ providers: [AccessService, AccessRepository, OrganizationScope], exports: [AccessService] })
export class AccessModule {}
