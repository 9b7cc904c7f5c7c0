import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { UnitsModule } from '../units/units.module';
import { NoticeImportController } from './notice-import.controller';
import { NoticeImportService } from './notice-import.service';

@Module({
  imports: [PlansModule, UnitsModule],
  controllers: [NoticeImportController],
  providers: [NoticeImportService],
  exports: [NoticeImportService],
})
export class NoticeImportModule {}
