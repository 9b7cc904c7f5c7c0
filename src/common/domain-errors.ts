/** Errors the services throw; the global filter turns each into `{statusCode, code, message, details?}`. */
export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(404, 'NOT_FOUND', `${entity}不存在：${id}`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class BadRequestError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(429, 'TOO_MANY_REQUESTS', `尝试次数过多，请在 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds }, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}
