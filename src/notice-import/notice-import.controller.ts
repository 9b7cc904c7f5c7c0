import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import { uuidParam } from '../common/uuid-param';
import { ImportNoticeDto, ImportReportDto } from './dto/import-notice.dto';
import { NoticeImportService } from './notice-import.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class NoticeImportController {
  constructor(private readonly imports: NoticeImportService) {}

  @Post(':id/import')
  @Access('supervisor')
  @ApiOperation({
    summary: 'Import the notice text into the plan',
    description:
      'Parses the notice, resolves units through aliases and groups, and creates or updates tasks by number in one ' +
      'transaction. Re-importing the same text changes nothing. With errors nothing is written.',
  })
  @ApiOkResponse({ type: ImportReportDto, description: 'Dry run: what would change; nothing written' })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'Committed' })
  @ApiUnprocessableEntityResponse({ type: ImportReportDto, description: 'The text has errors; nothing written' })
  @ApiBadRequestResponse({ description: 'The body is malformed; `details` names the field' })
  @ApiNotFoundResponse({ description: 'No such plan' })
  async import(
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: ImportNoticeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto> {
    const { status, report } = await this.imports.import(
      id,
      { kind: 'text', text: dto.text },
      { dryRun: dto.dryRun, createMissingUnits: dto.createMissingUnits },
    );
    reply.status(status);
    return report;
  }
}
