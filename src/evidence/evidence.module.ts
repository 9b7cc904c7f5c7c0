import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { objectStoreProvider } from './storage/object-store.provider';

@Module({
  imports: [AuditModule, PlansModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, objectStoreProvider],
  exports: [EvidenceService],
})
export class EvidenceModule {}
