import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { AuditService } from './audit.service';
import { AuditPageDto, ListAuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Requires('audit:read')
  @ApiOperation({ summary: 'Audit events, newest first: every mutation and every login attempt' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: ListAuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
