import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { OrganizationQueryDto } from '../access/dto/organization-query.dto';
import { uuidParam } from '../common/uuid-param';
import { CreateUnitGroupDto, UnitGroupDto } from './dto/unit-group.dto';
import { CreateUnitDto, UnitDto, UpdateUnitDto } from './dto/unit.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get('units')
  @Requires('registry:read')
  @ApiOperation({ summary: 'List units with kind, aliases and groups' })
  @ApiOkResponse({ type: [UnitDto] })
  @ApiNotFoundResponse({ description: 'organizationId is not the caller’s organization or one below it' })
  list(@Query() query: OrganizationQueryDto): Promise<UnitDto[]> {
    return this.units.list(query.organizationId);
  }

  @Post('units')
  @Requires('units:write')
  @ApiOperation({ summary: 'Create a unit' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiBadRequestResponse({ description: 'Validation failed; `details` names each field' })
  @ApiConflictResponse({ description: 'The name or an alias is already used by a unit or group' })
  create(@Body() dto: CreateUnitDto): Promise<UnitDto> {
    return this.units.create(dto);
  }

  @Patch('units/:id')
  @Requires('units:write')
  @ApiOperation({ summary: 'Rename a unit, change its kind or replace its aliases' })
  @ApiOkResponse({ type: UnitDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The name or an alias is already used by another unit or group' })
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUnitDto): Promise<UnitDto> {
    return this.units.update(id, dto);
  }

  @Get('unit-groups')
  @Requires('registry:read')
  @ApiOperation({ summary: 'List unit groups (各街道办事处 …) with their members' })
  @ApiOkResponse({ type: [UnitGroupDto] })
  @ApiNotFoundResponse({ description: 'organizationId is not the caller’s organization or one below it' })
  listGroups(@Query() query: OrganizationQueryDto): Promise<UnitGroupDto[]> {
    return this.units.listGroups(query.organizationId);
  }

  @Post('unit-groups')
  @Requires('units:write')
  @ApiOperation({ summary: 'Create a unit group; members by unit name or alias' })
  @ApiCreatedResponse({ type: UnitGroupDto })
  @ApiBadRequestResponse({ description: 'Validation failed, or a member is not a known unit' })
  @ApiConflictResponse({ description: 'The name or an alias is already used' })
  createGroup(@Body() dto: CreateUnitGroupDto): Promise<UnitGroupDto> {
    return this.units.createGroup(dto);
  }
}
