import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query strings carry text; "2" becomes 2, anything else stays as sent so validation can name it. */
export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** page / pageSize of a paginated list, up to `maxPageSize` rows; each service picks its default page size. */
export function pageQuery(maxPageSize: number) {
  class PageQueryDto {
    @ApiPropertyOptional({ default: 1, minimum: 1 })
    @IsOptional()
    @Transform(toInt)
    @IsInt()
    @Min(1)
    @Max(100_000)
    page?: number;

    @ApiPropertyOptional({ minimum: 1, maximum: maxPageSize })
    @IsOptional()
    @Transform(toInt)
    @IsInt()
    @Min(1)
    @Max(maxPageSize)
    pageSize?: number;
  }
  return PageQueryDto;
}
