import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { Env } from '../config/env';
import { EvidenceFileDto, EvidenceUploadDto } from './dto/evidence.dto';
import { readEvidenceUpload } from './evidence-upload';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly env: Env,
  ) {}

  @Post('tasks/:id/evidence')
  @Requires('tasks:write')
  @ApiOperation({
    summary: 'Upload 佐证材料 to a task (multipart); submit them by id with a report or request (evidenceIds)',
    description:
      'By a user of an assigned unit or a supervisor. The type is read from the bytes (images, PDF, Word, Excel); ' +
      'each file at most EVIDENCE_MAX_BYTES, at most EVIDENCE_MAX_FILES per upload. Until submitted only the ' +
      'uploader sees a file and may delete it.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EvidenceUploadDto })
  @ApiCreatedResponse({ type: [EvidenceFileDto] })
  @ApiForbiddenResponse({ description: 'The task is not assigned to your unit' })
  @ApiPayloadTooLargeResponse({ description: 'A file is too large, or there are too many files' })
  @ApiUnsupportedMediaTypeResponse({ description: 'A file is not an image, PDF, Word or Excel file (by its content)' })
  @ApiServiceUnavailableResponse({ description: 'The object store cannot be reached; nothing was stored' })
  async upload(@Param('id', uuidParam('id')) taskId: string, @Req() request: FastifyRequest): Promise<EvidenceFileDto[]> {
    const files = await readEvidenceUpload(request, this.env.EVIDENCE_MAX_BYTES, this.env.EVIDENCE_MAX_FILES);
    return this.evidence.upload(taskId, files);
  }

  @Get('tasks/:id/evidence')
  @Requires('tasks:read')
  @ApiOperation({ summary: "A task's submitted 佐证材料, and your own uploads not yet submitted" })
  @ApiOkResponse({ type: [EvidenceFileDto] })
  list(@Param('id', uuidParam('id')) taskId: string): Promise<EvidenceFileDto[]> {
    return this.evidence.listForTask(taskId);
  }

  @Get('evidence/:id/content')
  @Requires('tasks:read')
  @ApiOperation({
    summary: 'The file itself, for whoever may read its task; images and PDFs inline (preview), others as a download',
    description: 'The bytes are checked against the stored SHA-256 before they are sent (header x-content-sha256).',
  })
  @ApiQuery({ name: 'download', required: false, description: '1: always as an attachment' })
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiForbiddenResponse({ description: "Another unit's task" })
  @ApiServiceUnavailableResponse({ description: 'The object store cannot be reached' })
  async content(
    @Param('id', uuidParam('id')) id: string,
    @Query('download') download: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { file, bytes } = await this.evidence.content(id);
    const disposition = file.previewable && download !== '1' ? 'inline' : 'attachment';
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `${disposition}; filename="${file.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    reply.header('x-content-sha256', file.sha256);
    reply.header('cache-control', 'private, no-store');
    return bytes;
  }

  @Delete('evidence/:id')
  @Requires('tasks:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your own upload that was never submitted (a submitted file stays: 409)' })
  @ApiNoContentResponse({ description: 'Deleted, with its object' })
  async remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.evidence.remove(id);
  }
}
