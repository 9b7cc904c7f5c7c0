import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

/** The `evidenceIds` of a progress report, 销号 request or 延期 request: files uploaded first, submitted by id. */
export function EvidenceIdsProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      format: 'uuid',
      description: '佐证材料 uploaded first (POST /api/tasks/:id/evidence), submitted with this; never deleted afterwards',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    IsUUID('all', { each: true }),
  );
}
