import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';
import { UnitRepository } from './unit.repository';

@Module({ imports: [AuditModule], controllers: [UnitsController], providers: [UnitRepository, UnitsService], exports: [UnitsService, UnitRepository] })
export class UnitsModule {}
