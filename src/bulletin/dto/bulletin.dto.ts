import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { SupervisionQueryDto } from '../../supervision/dto/supervision.dto';
import { NamedRefDto } from '../../units/dto/unit.dto';

/** A query parameter given once, several times, or as lines of one value → a list of non-empty lines. */
const lines = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : [value]
        .flat()
        .flatMap((v) => String(v).split(/\r?\n/))
        .map((v) => v.trim())
        .filter(Boolean);

export class BulletinQueryDto extends SupervisionQueryDto {
  @ApiPropertyOptional({ maxLength: 100, example: '督查通报', description: 'Title (default 督查通报)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;

  @ApiPropertyOptional({ maxLength: 60, example: '第10期', description: '文号 or issue line under the title' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  docNumber?: string;

  @ApiPropertyOptional({ maxLength: 60, example: '市政府督查室', description: 'Issuing office (default 督查室)' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  issuer?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Preface paragraph(s), before the figures' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  preface?: string;

  @ApiPropertyOptional({ type: [String], description: '表扬 lines (repeat the parameter, or one line each)' })
  @IsOptional()
  @Transform(lines)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  praise?: string[];

  @ApiPropertyOptional({ type: [String], description: '通报批评 lines (repeat the parameter, or one line each)' })
  @IsOptional()
  @Transform(lines)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  criticism?: string[];
}

export class BulletinFiguresDto {
  @ApiProperty() tasks!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() inProgress!: number;
  @ApiProperty() notStarted!: number;
  @ApiProperty() red!: number;
  @ApiProperty() yellow!: number;
  @ApiProperty() green!: number;
  @ApiProperty() grey!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ description: 'Tasks no unit reported on for the last closed period' }) unreported!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'completed ÷ tasks, percent, one decimal' }) completionRate!: number | null;
}

export class BulletinTaskDto {
  @ApiProperty() number!: number;
  @ApiProperty() content!: string;
  @ApiProperty({ description: 'Lead units, then responsible units, joined with 、' }) units!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ nullable: true, type: String }) completedOn!: string | null;
  @ApiProperty({ enum: ['red', 'yellow', 'green', 'grey'] }) light!: string;
  @ApiProperty({ type: [String] }) reasons!: string[];
}

export class BulletinScoreDto {
  @ApiProperty() rank!: number;
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty() score!: number;
  @ApiProperty() bonus!: number;
  @ApiProperty() deductions!: number;
}

export class BulletinMissingDto {
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty({ type: [Number], description: 'Item numbers it did not report on for the period' }) tasks!: number[];
}

export class BulletinIndicatorDto {
  @ApiProperty() number!: number;
  @ApiProperty() metric!: string;
  @ApiProperty({ example: '不低于 8%' }) target!: string;
  @ApiProperty({ nullable: true, type: Number }) actual!: number | null;
  @ApiProperty() unit!: string;
  @ApiProperty({ nullable: true, type: String }) period!: string | null;
  @ApiProperty({ example: '达标', description: '达标, 未达标 (the 指标预警规则) or 未报送' }) standing!: string;
}

export class BulletinDto {
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) docNumber!: string | null;
  @ApiProperty() issuer!: string;
  @ApiProperty() planTitle!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ example: '2021年10月15日' }) dateText!: string;
  @ApiProperty({ description: 'The last closed reporting period' }) period!: string;
  @ApiProperty({ nullable: true, type: String }) preface!: string | null;
  @ApiProperty({ type: BulletinFiguresDto }) figures!: BulletinFiguresDto;
  @ApiProperty({ type: [BulletinTaskDto] }) completed!: BulletinTaskDto[];
  @ApiProperty({ type: [BulletinTaskDto] }) red!: BulletinTaskDto[];
  @ApiProperty({ type: [BulletinTaskDto] }) yellow!: BulletinTaskDto[];
  @ApiProperty({ type: [BulletinScoreDto] }) ranking!: BulletinScoreDto[];
  @ApiProperty({ type: [BulletinMissingDto] }) notReported!: BulletinMissingDto[];
  @ApiProperty({ type: [BulletinIndicatorDto] }) indicators!: BulletinIndicatorDto[];
  @ApiProperty({ type: [String] }) praise!: string[];
  @ApiProperty({ type: [String] }) criticism!: string[];
  @ApiProperty({ type: [String] }) warnings!: string[];
}
