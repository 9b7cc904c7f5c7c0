import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto, PASSWORD_MIN } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'duchashi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Demo@2021!' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class LoginResultDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: UserDto }) user!: UserDto;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(200)
  newPassword!: string;
}
