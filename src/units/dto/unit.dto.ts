import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { UNIT_KINDS, WEBHOOK_FORMATS, type UnitKind, type WebhookFormat } from '../unit-kinds';

/** Where a unit's reminder digests go besides the inbox; admins set them on create or update. */
class UnitContactsDto {
  @ApiPropertyOptional({ type: [String], example: ['duban@fgw.jiyuan.gov.cn'], description: 'Email digests go to these addresses; replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true, message: 'contactEmails 中每一项都必须是有效的邮箱地址' })
  @MaxLength(254, { each: true })
  contactEmails?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    description: 'Webhook digests are POSTed here; null removes it',
  })
  @IsOptional()
  // Intranet receivers are often plain hosts or IP addresses, so no top-level domain is required.
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'webhookUrl 必须是 http(s) 地址' })
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ enum: WEBHOOK_FORMATS, description: 'Body the receiver expects: generic JSON, DingTalk or WeCom robot' })
  @IsOptional()
  @IsIn(WEBHOOK_FORMATS)
  webhookFormat?: WebhookFormat;
}

export class CreateUnitDto extends UnitContactsDto {
  @ApiProperty({ example: '发展改革和统计局', maxLength: 100 })
  @IsString()
  @NotBlank()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, default: 'department' })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ type: [String], example: ['发改统计局'], description: 'Other names the notices use' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];
}

export class UpdateUnitDto extends UnitContactsDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the whole alias list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];
}

export class NamedRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class UnitDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  kind!: UnitKind;

  @ApiProperty({ type: [String] })
  aliases!: string[];

  @ApiProperty({ type: [NamedRefDto], description: 'Groups the unit belongs to' })
  groups!: NamedRefDto[];

  @ApiProperty({ type: [String], description: 'Addresses that receive the email digest' })
  contactEmails!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Webhook for digests; shown in full to admins only (robot URLs carry their token), others see the host',
  })
  webhookUrl!: string | null;

  @ApiProperty({ enum: WEBHOOK_FORMATS })
  webhookFormat!: WebhookFormat;
}
