import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';

export class CreateMilestoneDto {
  @ApiProperty({ example: '完成初步设计批复', maxLength: 200 })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '2021-06-30' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueDate!: string;
}

export class MilestoneDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '2021-06-30' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) doneAt!: string | null;
}
