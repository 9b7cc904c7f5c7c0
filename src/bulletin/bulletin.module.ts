import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { BulletinController } from './bulletin.controller';
import { BulletinService } from './bulletin.service';

@Module({
  imports: [SupervisionModule, ScoringModule],
  controllers: [BulletinController],
  providers: [BulletinService],
})
export class BulletinModule {}
