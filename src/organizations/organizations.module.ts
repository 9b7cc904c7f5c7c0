import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { OrganizationRepository } from './organization.repository';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [AuditModule, UnitsModule],
  controllers: [OrganizationsController],
  providers: [OrganizationRepository, OrganizationsService],
  exports: [OrganizationRepository],
})
export class OrganizationsModule {}
