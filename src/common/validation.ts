import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from './domain-errors';

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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = [...new Set(details.map((d) => d.field))].join('、');
      return new DomainError(400, 'VALIDATION_FAILED', `请求参数无效：${fields}`, details);
    },
  });
}
