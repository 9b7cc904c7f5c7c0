import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Requires } from '../access/permission.decorator';
import { UPLOAD_ROUTE } from '../common/upload-route';
import { uuidParam } from '../common/uuid-param';
import { createValidationPipe } from '../common/validation';
import { Env } from '../config/env';
import { XLSX_TYPE } from '../supervision/supervision-export.service';
import { ImportNoticeDto, ImportReportDto } from './dto/import-notice.dto';
import { ImportTemplateService } from './import-template';
import { ImportUploadDto, readImportUpload } from './import-upload';
import type { ImportSource } from './import-source';
import { NoticeImportService, type ImportOptions } from './notice-import.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class NoticeImportController {
  constructor(
    private readonly imports: NoticeImportService,
    private readonly template: ImportTemplateService,
    private readonly env: Env,
  ) {}

  @Post(':id/import')
  @Requires('plans:write')
  @RouteConfig(UPLOAD_ROUTE)
  @ApiOperation({
    summary: 'Import a notice into the plan: pasted text (JSON) or an uploaded file (multipart)',
    description:
      'JSON `{text}` or multipart/form-data with a `file` (.docx, .doc, .xlsx, .csv, .tsv, .txt) and the fields ' +
      '`dryRun`, `createMissingUnits`. Parses the notice or task table, resolves units through aliases and groups, ' +
      'and creates or updates tasks by number in one transaction. Re-importing the same text or file changes ' +
      'nothing. With errors nothing is written. Bodies up to IMPORT_BODY_LIMIT_BYTES (default 20 MB).',
  })
  @ApiExtraModels(ImportNoticeDto, ImportUploadDto)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(ImportNoticeDto) }, { $ref: getSchemaPath(ImportUploadDto) }] } })
  @ApiOkResponse({ type: ImportReportDto, description: 'Dry run: what would change; nothing written' })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'Committed' })
  @ApiUnprocessableEntityResponse({
    type: ImportReportDto,
    description: 'The notice has errors (nothing written), or the file cannot be read (encrypted, corrupt, empty)',
  })
  @ApiBadRequestResponse({ description: 'The body is malformed, or the file is not of a supported type; `details` names the field' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than IMPORT_BODY_LIMIT_BYTES' })
  @ApiNotFoundResponse({ description: 'No such plan' })
  async import(
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto> {
    const { source, options } = request.isMultipart()
      ? await readImportUpload(request, this.env.IMPORT_BODY_LIMIT_BYTES)
      : await this.pastedText(request.body);
    const { status, report } = await this.imports.import(id, source, options);
    reply.status(status);
    return report;
  }

  @Get('import-template.xlsx')
  @Requires('imports:template')
  @ApiOperation({ summary: 'A blank task table (header, an example row, a note on the column words) to send to units' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'An Excel workbook (.xlsx)', schema: { type: 'string', format: 'binary' } })
  async importTemplate(@Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const content = await this.template.download();
    reply.header('content-type', XLSX_TYPE);
    reply.header(
      'content-disposition',
      `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('重点工作任务导入模板.xlsx')}`,
    );
    return content;
  }

  /** A JSON body, validated by the same DTO and rules as every other JSON route. */
  private async pastedText(body: unknown): Promise<{ source: ImportSource; options: ImportOptions }> {
    const dto = (await createValidationPipe().transform(body, { type: 'body', metatype: ImportNoticeDto })) as ImportNoticeDto;
    return { source: { kind: 'text', text: dto.text }, options: { dryRun: dto.dryRun, createMissingUnits: dto.createMissingUnits } };
  }
}
