import { DECORATORS } from '@nestjs/swagger';
import type { FieldProblem } from './validation';

/** PostgreSQL integer: every integer this API stores fits it; anything beyond is a mistake or an attack. */
const MAX_INTEGER = 2_147_483_647;
/** Dates outside these years are typing errors (0000, 9999): refused before they reach a date column. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// A whole string that is a date or date-time (YYYY-MM-DD, optionally THH:MM…); free text never matches.
const DATE_LIKE = /^[+-]?(\d{4,6})-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/** An upload's Buffer or stream (multipart) is content, not fields: it is not walked. */
function isFieldContainer(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  return typeof (value as { pipe?: unknown }).pipe !== 'function';
}

// Parsed JSON is at most MAX_JSON_DEPTH deep; deeper (or circular) structures come from elsewhere and stop here.
const MAX_WALK_DEPTH = 40;

function stringProblem(value: string): string | null {
  if (value.includes('\u0000')) return '不能包含空字符（\\u0000）';
  if (LONE_SURROGATE.test(value)) return '含有无效的 Unicode 字符（孤立代理项）';
  const date = DATE_LIKE.exec(value);
  if (date) {
    const year = Number(date[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return `日期超出允许范围（${MIN_YEAR}–${MAX_YEAR} 年）`;
  }
  return null;
}

/**
 * What no field of any body or query may carry, whatever its DTO says: NUL bytes and lone surrogates
 * (PostgreSQL refuses both, as text and as JSON), numbers beyond a PostgreSQL integer, dates outside
 * MIN_YEAR–MAX_YEAR. Checked before validation, on the parsed JSON or query string, keys included.
 */
export function hostileInputProblems(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (depth > MAX_WALK_DEPTH) return [];
  if (typeof value === 'string') {
    const reason = stringProblem(value);
    return reason ? [{ field: path || 'body', reason }] : [];
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= MAX_INTEGER ? [] : [{ field: path || 'body', reason: `数值超出允许范围（±${MAX_INTEGER}）` }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => hostileInputProblems(item, join(path, String(index)), depth + 1));
  if (isFieldContainer(value)) {
    return Object.entries(value).flatMap(([key, item]) => {
      const keyReason = stringProblem(key);
      return keyReason ? [{ field: join(path, key), reason: keyReason }] : hostileInputProblems(item, join(path, key), depth + 1);
    });
  }
  return [];
}

/**
 * `null` where the DTO does not declare the field nullable (OpenAPI `nullable: true`): @IsOptional lets null
 * through, and a NOT NULL column would then answer 500. Walks the validated DTO and its nested DTOs.
 */
export function unexpectedNulls(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (depth > MAX_WALK_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unexpectedNulls(item, join(path, String(index)), depth + 1));
  if (!isFieldContainer(value) || value.constructor === Object) return [];
  const prototype = Object.getPrototypeOf(value) as object;
  return Object.entries(value).flatMap(([key, item]) => {
    if (item !== null) return unexpectedNulls(item, join(path, key), depth + 1);
    const declared = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, key) as { nullable?: boolean } | undefined;
    return declared?.nullable ? [] : [{ field: join(path, key), reason: '不能为 null' }];
  });
}
