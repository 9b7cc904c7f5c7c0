import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

@Module({ imports: [AuditModule], controllers: [CalendarController], providers: [CalendarService, CalendarRepository], exports: [CalendarService] })
export class CalendarModule {}
