import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { OrganizationQueryDto } from '../access/dto/organization-query.dto';
import { uuidParam } from '../common/uuid-param';
import { CreatePlanDto, PlanDetailDto, PlanDto, UpdatePlanDto } from './dto/plan.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Requires('plans:write')
  @ApiOperation({ summary: 'Create a plan (an annual task list); import its notice next' })
  @ApiCreatedResponse({ type: PlanDto })
  @ApiBadRequestResponse({ description: 'Validation failed; `details` names each field' })
  create(@Body() dto: CreatePlanDto): Promise<PlanDto> {
    return this.plans.create(dto);
  }

  @Get()
  @Requires('plans:read')
  @ApiOperation({ summary: 'List plans of the caller’s organization (or, with organizationId, of one below it), newest year first' })
  @ApiOkResponse({ type: [PlanDto] })
  @ApiNotFoundResponse({ description: 'organizationId is not the caller’s organization or one below it' })
  list(@Query() query: OrganizationQueryDto): Promise<PlanDto[]> {
    return this.plans.list(query.organizationId);
  }

  @Patch(':id')
  @Requires('plans:write')
  @ApiOperation({ summary: "Change a plan's settings: whether 销号 requests need 佐证材料" })
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiNotFoundResponse()
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdatePlanDto): Promise<PlanDetailDto> {
    return this.plans.update(id, dto);
  }

  @Get(':id')
  @Requires('plans:read')
  @ApiOperation({ summary: 'A plan with its section tree (一、 → (一)) and task counts' })
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidParam('id')) id: string): Promise<PlanDetailDto> {
    return this.plans.get(id);
  }
}
