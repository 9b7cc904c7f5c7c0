import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';

/** Global: every feature module's services ask the one AccessService. */
@Global()
@Module({ providers: [AccessService, AccessRepository], exports: [AccessService] })
export class AccessModule {}
