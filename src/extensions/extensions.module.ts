import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { ExtensionsController } from './extensions.controller';
import { ExtensionsService } from './extensions.service';

@Module({ imports: [AuditModule, PlansModule], controllers: [ExtensionsController], providers: [ExtensionsService] })
export class ExtensionsModule {}
