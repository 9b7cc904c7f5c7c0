import type { RawServerDefault } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BadRequestError } from './domain-errors';

/** Deeper than any body this API takes (the deepest DTO nests 3 levels); 5,000 levels overflowed the stack. */
export const MAX_JSON_DEPTH = 32;

/** True when brackets nest deeper than `max` outside strings: measured on the text, before anything recurses. */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The JSON body parser: Fastify's own (prototype-poisoning checks included) behind a nesting-depth limit. */
export function limitJsonDepth(app: NestFastifyApplication): void {
  const parse = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', {}, (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      const reason = `嵌套层数超过 ${MAX_JSON_DEPTH} 层`;
      done(new BadRequestError('VALIDATION_FAILED', `请求参数无效：body（${reason}）`, [{ field: 'body', reason }]), undefined);
      return;
    }
    parse(request, text, done);
  });
}
