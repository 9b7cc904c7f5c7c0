import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateExtensionRequestDto, ExtensionRequestDto, ExtensionReviewDto } from './dto/extension.dto';
import { ExtensionsService } from './extensions.service';

@ApiTags('extensions')
@ApiBearerAuth()
@Controller('api')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Post('tasks/:id/extension-requests')
  @Requires('tasks:write')
  @ApiOperation({ summary: 'Ask for a later due date (延期), before the current one passes' })
  @ApiCreatedResponse({ type: ExtensionRequestDto })
  @ApiConflictResponse({ description: 'Past due, closed task, or a request already pending' })
  request(@Param('id', uuidParam('id')) taskId: string, @Body() dto: CreateExtensionRequestDto): Promise<ExtensionRequestDto> {
    return this.extensions.request(taskId, dto);
  }

  @Get('tasks/:id/extension-requests')
  @Requires('tasks:read')
  @ApiOperation({ summary: 'Extension requests of a task with their decisions' })
  @ApiOkResponse({ type: [ExtensionRequestDto] })
  list(@Param('id', uuidParam('id')) taskId: string): Promise<ExtensionRequestDto[]> {
    return this.extensions.listForTask(taskId);
  }

  @Post('extension-requests/:id/review')
  @Requires('tasks:supervise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (the due date moves) or reject an extension request' })
  @ApiOkResponse({ type: ExtensionRequestDto })
  @ApiConflictResponse({ description: 'Already decided' })
  review(@Param('id', uuidParam('id')) id: string, @Body() dto: ExtensionReviewDto): Promise<ExtensionRequestDto> {
    return this.extensions.review(id, dto);
  }
}
