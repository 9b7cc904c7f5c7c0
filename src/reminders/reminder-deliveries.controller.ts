import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { ListDeliveriesQueryDto, ReminderDeliveryDto, ReminderDeliveryPageDto } from './delivery/dto/reminder-delivery.dto';
import { ReminderDeliveriesService } from './delivery/reminder-deliveries.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/reminder-deliveries')
export class ReminderDeliveriesController {
  constructor(private readonly deliveries: ReminderDeliveriesService) {}

  @Get()
  @Requires('read:all')
  @ApiOperation({ summary: 'Digests sent or due (per unit, channel, day): status, attempts, last error' })
  @ApiOkResponse({ type: ReminderDeliveryPageDto })
  list(@Query() query: ListDeliveriesQueryDto): Promise<ReminderDeliveryPageDto> {
    return this.deliveries.list(query);
  }

  @Post(':id/retry')
  @Requires('tasks:supervise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed digest again (back to pending, queued anew)' })
  @ApiOkResponse({ type: ReminderDeliveryDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The delivery has not failed (pending or already sent)' })
  retry(@Param('id', uuidParam('id')) id: string): Promise<ReminderDeliveryDto> {
    return this.deliveries.retry(id);
  }
}
