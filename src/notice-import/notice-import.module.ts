import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { UnitsModule } from '../units/units.module';
import { ImportTemplateService } from './import-template';
import { NoticeImportController } from './notice-import.controller';
import { NoticeImportService } from './notice-import.service';

@Module({
  imports: [AuditModule, PlansModule, UnitsModule],
  controllers: [NoticeImportController],
  providers: [NoticeImportService, ImportTemplateService],
  exports: [NoticeImportService],
})
export class NoticeImportModule {}
