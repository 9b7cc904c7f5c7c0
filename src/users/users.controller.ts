import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { OrganizationQueryDto } from '../access/dto/organization-query.dto';
import { uuidParam } from '../common/uuid-param';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Requires('users:manage')
  @ApiOperation({ summary: 'List user accounts (admin): its own organization’s, or (organizationId) one below it' })
  @ApiOkResponse({ type: [UserDto] })
  @ApiNotFoundResponse({ description: 'organizationId is not the admin’s organization or one below it' })
  list(@Query() query: OrganizationQueryDto): Promise<UserDto[]> {
    return this.users.list(query.organizationId);
  }

  @Post()
  @Requires('users:manage')
  @ApiOperation({ summary: 'Create a user account (admin); unit_user needs unitId' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'Username taken' })
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @Requires('users:manage')
  @ApiOperation({ summary: 'Change a user (admin): name, role, unit, active, password' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }

  @Post(':id/unlock')
  @Requires('users:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift the login lock of a user (admin): failed logins from every address are forgotten' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  unlock(@Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.users.unlock(id);
  }
}
