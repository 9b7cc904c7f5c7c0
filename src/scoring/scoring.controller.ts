import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
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
import { uuidParam } from '../common/uuid-param';
import { SupervisionQueryDto } from '../supervision/dto/supervision.dto';
import { sendFile } from '../supervision/supervision.controller';
import { XLSX_TYPE } from '../supervision/supervision-export.service';
import { SupervisionService } from '../supervision/supervision.service';
import { PlanScoringRulesDto, ScoresViewDto, ScoringRulesDto } from './dto/scoring.dto';
import { scoresWorkbook } from './scores-export';
import { ScoringService } from './scoring.service';

@ApiTags('scoring')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Unit users do not see the 考核 (their own score is the office’s to publish)' })
@ApiNotFoundResponse({ description: 'No such plan' })
@Controller()
export class ScoringController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly supervision: SupervisionService,
  ) {}

  @Get('api/plans/:id/scoring-rules')
  @Requires('read:all')
  @ApiOperation({ summary: 'The plan’s 考核 rules (the defaults until a supervisor sets them)' })
  @ApiOkResponse({ type: PlanScoringRulesDto })
  getRules(@Param('id', uuidParam('id')) id: string): Promise<PlanScoringRulesDto> {
    return this.scoring.getRules(id);
  }

  @Put('api/plans/:id/scoring-rules')
  @Requires('tasks:supervise')
  @ApiOperation({ summary: 'Set the plan’s 考核 rules (supervisor); audited. Scores are computed from them, never stored' })
  @ApiOkResponse({ type: PlanScoringRulesDto })
  @ApiBadRequestResponse({ description: 'A rule is missing or out of range; `details` names it' })
  putRules(@Param('id', uuidParam('id')) id: string, @Body() rules: ScoringRulesDto): Promise<PlanScoringRulesDto> {
    return this.scoring.putRules(id, rules);
  }

  @Get('api/supervision/scores')
  @Requires('read:all')
  @ApiOperation({ summary: 'Each lead or responsible unit’s 考核 score as of a day, with the events that made it; ranked' })
  @ApiOkResponse({ type: ScoresViewDto })
  @ApiBadRequestResponse({ description: 'planId missing or not a UUID, or asOf not a YYYY-MM-DD date' })
  scores(@Query() query: SupervisionQueryDto): Promise<ScoresViewDto> {
    return this.scoring.scores(query);
  }

  @Get('api/supervision/scores.xlsx')
  @Requires('read:all')
  @ApiOperation({ summary: 'The 考核 scores as Excel: ranking, every event, the rules' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'An Excel workbook (.xlsx)', schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ description: 'planId missing or not a UUID, or asOf not a YYYY-MM-DD date' })
  async scoresExcel(@Query() query: SupervisionQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const snapshot = await this.supervision.snapshot(query);
    const view = await this.scoring.scoresOf(snapshot);
    return sendFile(reply, await scoresWorkbook(snapshot.plan.title, view));
  }
}
