import { DomainError } from '../common/domain-errors';

export class UnauthorizedError extends DomainError {
  constructor(message = '未登录或登录已失效，请重新登录') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = '没有权限执行此操作') {
    super(403, 'FORBIDDEN', message);
  }
}
