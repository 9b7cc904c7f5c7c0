import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UserDto } from '../users/dto/user.dto';
import { Public, SignedIn } from '../access/permission.decorator';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResultDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password; returns a bearer token' })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or the account is disabled' })
  @ApiTooManyRequestsResponse({ description: 'Too many failures for this username or client; see Retry-After' })
  login(@Body() dto: LoginDto): Promise<LoginResultDto> {
    return this.auth.login(dto);
  }

  @Get('me')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: UserDto })
  me(): Promise<UserDto> {
    return this.auth.me();
  }

  @Post('password')
  @SignedIn()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change one’s own password; other sessions’ tokens stop working' })
  @ApiNoContentResponse()
  changePassword(@Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(dto);
  }
}
