import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { PlansModule } from '../plans/plans.module';
import { DeliveryRepository } from './delivery/delivery.repository';
import { DeliveryService } from './delivery/delivery.service';
import { EmailSender } from './delivery/email-sender';
import { ReminderDeliveriesService } from './delivery/reminder-deliveries.service';
import { WebhookSender } from './delivery/webhook-sender';
import { ReminderDeliveriesController } from './reminder-deliveries.controller';
import { ReminderScanLedgerRepository } from './reminder-scan-ledger.repository';
import { ReminderScanRepository } from './reminder-scan.repository';
import { ReminderScanService } from './reminder-scan.service';
import { ReminderRepository } from './reminder.repository';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

@Module({
  imports: [AuditModule, CalendarModule, PlansModule],
  controllers: [RemindersController, ReminderDeliveriesController],
  providers: [ReminderRepository, ReminderScanRepository, ReminderScanLedgerRepository, DeliveryRepository, ReminderScanService, RemindersService, ReminderDeliveriesService, DeliveryService, EmailSender, WebhookSender],
  exports: [ReminderScanService, DeliveryService],
})
export class RemindersModule {}
