import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError } from './domain-errors';
import { hostileInputProblems, unexpectedNulls } from './hostile-input';
import { rememberValidationMetadata } from './validation-metadata';

export interface FieldProblem {
  field: string;
  reason: string;
}

// Chinese first (users read it), the validator's English after it (developers grep for it).
const REASONS: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isNotEmpty: '不能为空',
  isDefined: '必须提供',
  isString: '必须是字符串',
  isInt: '必须是整数',
  isBoolean: '必须是布尔值',
  isArray: '必须是数组',
  isObject: '必须是对象',
  isUUID: '必须是有效的 UUID',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  min: '小于允许的最小值',
  max: '大于允许的最大值',
  minLength: '太短',
  maxLength: '太长',
  arrayMaxSize: '元素太多',
  arrayNotEmpty: '不能为空数组',
  isIso8601: '必须是 YYYY-MM-DD 格式的日期',
  isDateString: '必须是 YYYY-MM-DD 格式的日期',
  matches: '格式不正确',
};

// When a field breaks several rules, the most basic one is the one to fix first (missing before too long).
const PRIORITY = Object.keys(REASONS);
const rank = (constraint: string) => (PRIORITY.includes(constraint) ? PRIORITY.indexOf(constraint) : PRIORITY.length);

/** One reason per field: the first in REASONS order, so a missing title says 不能为空, not 太长. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const [first] = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    const own = first ? [{ field, reason: `${REASONS[first[0]] ?? '无效'} (${first[1]})` }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function validationFailed(details: FieldProblem[]): DomainError {
  const fields = [...new Set(details.map((d) => d.field))].join('、');
  return new DomainError(400, 'VALIDATION_FAILED', `请求参数无效：${fields}`, details);
}

/**
 * The DTO rules, plus what holds for every body and query whatever the DTO: no NUL or lone surrogate, no number
 * beyond a PostgreSQL integer, no date outside 2000–2100 (before validation), no null where a field is not
 * nullable (after it). A bad input is a 400 naming the field here, never a database error later.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const checked = metadata.type === 'body' || metadata.type === 'query';
    const hostile = checked ? hostileInputProblems(value) : [];
    if (hostile.length > 0) throw validationFailed(hostile);
    const result: unknown = await super.transform(value, metadata);
    const nulls = metadata.type === 'body' ? unexpectedNulls(result) : [];
    if (nulls.length > 0) throw validationFailed(nulls);
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  rememberValidationMetadata();
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
