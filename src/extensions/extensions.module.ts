import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { PlansModule } from '../plans/plans.module';
import { ExtensionsController } from './extensions.controller';
import { ExtensionsService } from './extensions.service';

@Module({ imports: [AuditModule, PlansModule, EvidenceModule], controllers: [ExtensionsController], providers: [ExtensionsService] })
export class ExtensionsModule {}
