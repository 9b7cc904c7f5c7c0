import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Requires } from '../access/permission.decorator';
import { sendFile } from '../supervision/supervision.controller';
import { BulletinService } from './bulletin.service';
import { BulletinDto, BulletinQueryDto } from './dto/bulletin.dto';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FILE_RESPONSE = { description: 'A Word document (.docx)', schema: { type: 'string', format: 'binary' } } as const;

@ApiTags('supervision')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'planId missing or not a UUID, asOf not a YYYY-MM-DD date, or a text too long; `details` names the field' })
@ApiForbiddenResponse({ description: 'Unit users do not see the bulletin before it is issued' })
@ApiNotFoundResponse({ description: 'No such plan' })
@Controller('api/supervision')
export class BulletinController {
  constructor(private readonly bulletins: BulletinService) {}

  @Get('bulletin')
  @Requires('read:all')
  @ApiOperation({ summary: 'The 督查通报 as of a day, as data: what bulletin.docx writes (the web app’s preview)' })
  @ApiOkResponse({ type: BulletinDto })
  preview(@Query() query: BulletinQueryDto): Promise<BulletinDto> {
    return this.bulletins.bulletin(query);
  }

  @Get('bulletin.docx')
  @Requires('read:all')
  @ApiOperation({
    summary: 'The 督查通报 as of a day as a Word document; the same asOf (and texts) always gives the same bytes',
    description: '表扬 and 通报 lines: repeat `praise` / `criticism`, or put one line each in one value.',
  })
  @ApiProduces(DOCX_TYPE)
  @ApiOkResponse(FILE_RESPONSE)
  async docx(@Query() query: BulletinQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendFile(reply, await this.bulletins.docx(query), DOCX_TYPE);
  }

  @Post('bulletin.docx')
  @HttpCode(200)
  @Requires('read:all')
  @ApiOperation({ summary: 'The same document, with the preface and the 表扬 / 通报 lines in a JSON body (for long texts)' })
  @ApiProduces(DOCX_TYPE)
  @ApiOkResponse(FILE_RESPONSE)
  async docxFromBody(@Body() body: BulletinQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendFile(reply, await this.bulletins.docx(body), DOCX_TYPE);
  }
}
