import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-errors';

/** A malformed id in the path is the client's mistake (400 naming the parameter), never a 404 or 500. */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new DomainError(400, 'VALIDATION_FAILED', `请求参数无效：${field}`, [
        { field, reason: '必须是有效的 UUID (must be a UUID)' },
      ]),
  });
}
