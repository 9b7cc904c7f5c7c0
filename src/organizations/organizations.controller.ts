import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires, SignedIn } from '../access/permission.decorator';
import { CreateOrganizationDto, OrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('api/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "The actor's organization, then every organization below it (depth-first, by name); a unit user gets its own only" })
  @ApiOkResponse({ type: [OrganizationDto] })
  list(): Promise<OrganizationDto[]> {
    return this.organizations.list();
  }

  @Post()
  @Requires('users:manage')
  @ApiOperation({ summary: "Create an organization below the admin's, with the unit that stands for it (`${name}人民政府`)" })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiBadRequestResponse({ description: 'Validation failed (blank or long name, kind not below the parent); `details` names each field' })
  @ApiConflictResponse({ description: 'NAME_CLASH: the organization or its representing unit name is taken' })
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(dto);
  }
}
