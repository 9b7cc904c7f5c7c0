import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-errors';
import { unavailableDependency, type Dependency } from './unavailable';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  correlationId: string;
}

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求无效'],
  401: ['UNAUTHORIZED', '未登录或登录已失效'],
  403: ['FORBIDDEN', '没有权限'],
  404: ['NOT_FOUND', '资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持的请求方法'],
  409: ['CONFLICT', '数据冲突'],
  413: ['PAYLOAD_TOO_LARGE', '请求内容太大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  422: ['UNPROCESSABLE', '内容无法处理'],
  429: ['TOO_MANY_REQUESTS', '请求太频繁，请稍后再试'],
};

const UNAVAILABLE: Record<Dependency, string> = {
  postgres: '数据库暂时无法响应，请稍后重试',
  redis: '缓存服务暂时无法响应，请稍后重试',
};
/** Outages seen so far end within seconds; a client retrying sooner only adds load. */
const RETRY_AFTER_SECONDS = 5;

/** One shape for every error; unexpected ones are logged with the correlation id and never leak details. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id));
    if (body.statusCode === 503) this.logger.warn(`${request.method} ${request.url} [${body.correlationId}]: ${(exception as Error).message}`);
    else if (body.statusCode >= 500) {
      this.logger.error(`${request.method} ${request.url} [${body.correlationId}]`, (exception as Error)?.stack);
    }
    if (exception instanceof DomainError && exception.headers) void reply.headers(exception.headers);
    if (body.code === 'SERVICE_UNAVAILABLE') void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    void reply.status(body.statusCode).header('x-request-id', body.correlationId).send(body);
  }

  private toBody(exception: unknown, correlationId: string): ErrorBody {
    if (exception instanceof DomainError) {
      const { statusCode, code, message, details } = exception;
      return { statusCode, code, message, ...(details === undefined ? {} : { details }), correlationId };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const [code, message] = HTTP_CODES[statusCode] ?? ['HTTP_ERROR', exception.message];
      return { statusCode, code, message, correlationId };
    }
    const status = (exception as { statusCode?: number })?.statusCode;
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx statusCode.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const [code, message] = HTTP_CODES[status] ?? ['BAD_REQUEST', '请求无效'];
      const detail = (exception as Error).message;
      return { statusCode: status, code, message: detail ? `${message}：${detail}` : message, correlationId };
    }
    if (exception instanceof QueryFailedError && (exception.driverError as { code?: string })?.code === '23505') {
      return { statusCode: 409, code: 'CONFLICT', message: '数据已存在，与现有记录冲突', correlationId };
    }
    const dependency = unavailableDependency(exception);
    if (dependency) return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE[dependency], details: { dependency }, correlationId };
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请联系管理员并提供请求编号', correlationId };
  }
}
