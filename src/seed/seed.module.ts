import { Module } from '@nestjs/common';
import { CoreModule } from '../core.module';
import { NoticeImportModule } from '../notice-import/notice-import.module';
import { PlansModule } from '../plans/plans.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [CoreModule.forRoot('waiting'), UnitsModule, PlansModule, NoticeImportModule, UsersModule],
  providers: [DemoSeedService],
})
export class SeedModule {}
