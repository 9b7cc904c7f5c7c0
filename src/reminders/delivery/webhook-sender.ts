import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Env } from '../../config/env';
import type { WebhookFormat } from '../../units/unit-kinds';
import { DeliveryFailure, shortError } from './delivery-failure';

export const WEBHOOK_TIMEOUT_MS = 10_000;

const ROBOT_NAMES: Partial<Record<WebhookFormat, string>> = { dingtalk: '钉钉机器人', wecom: '企业微信机器人' };

/** `sha256=<hex>`: HMAC-SHA256 of the raw request body, as sent in X-Duban-Signature. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * POSTs a digest. The receiver gets the delivery id as Idempotency-Key: a retry after a lost answer (or a
 * worker killed mid-request) sends the same key again, and the receiver keeps the first.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly env: Env) {}

  async send(url: string, format: WebhookFormat, body: string, idempotencyKey: string): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'duban-reminders',
      'idempotency-key': idempotencyKey,
      'x-duban-timestamp': String(Math.floor(Date.now() / 1000)),
    };
    if (this.env.WEBHOOK_SECRET) headers['x-duban-signature'] = webhookSignature(this.env.WEBHOOK_SECRET, body);
    let response: Response;
    let text: string;
    try {
      // A redirect is an answer we do not follow (it could point anywhere); it counts as a failure below.
      response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
      text = await response.text();
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') throw new DeliveryFailure(`Webhook 请求超时（${WEBHOOK_TIMEOUT_MS / 1000} 秒无应答）`);
      throw new DeliveryFailure(`Webhook 请求失败：${shortError(e.cause?.code ?? e.cause?.message ?? e.message)}`);
    }
    if (response.status < 200 || response.status > 299) {
      throw new DeliveryFailure(`Webhook 返回 HTTP ${response.status}${text ? `：${shortError(text, 200)}` : ''}`);
    }
    // Robots answer 200 with an error code in the body (bad keyword, rate limit, wrong token).
    const robot = ROBOT_NAMES[format];
    if (robot) {
      const answer = parseJson(text) as { errcode?: number; errmsg?: string } | null;
      if (answer && typeof answer.errcode === 'number' && answer.errcode !== 0) {
        throw new DeliveryFailure(`${robot}返回错误 ${answer.errcode}：${shortError(answer.errmsg ?? '')}`);
      }
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
