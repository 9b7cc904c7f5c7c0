import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../access/permission.decorator';
import { Clock } from '../common/clock';

export class MetaDto {
  @ApiProperty({ example: '2021-10-08', description: 'The server’s today (Asia/Shanghai, or CLOCK_TODAY when set)' })
  today!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone!: string;
}

@ApiTags('meta')
@ApiBearerAuth()
@Controller('api/meta')
export class MetaController {
  constructor(private readonly clock: Clock) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The server’s today, which the web app’s date pickers start from' })
  @ApiOkResponse({ type: MetaDto })
  meta(): MetaDto {
    return { today: this.clock.today(), timezone: 'Asia/Shanghai' };
  }
}
