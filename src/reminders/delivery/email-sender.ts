import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { Env } from '../../config/env';
import { DeliveryFailure, shortError } from './delivery-failure';

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  /** The delivery id: the same digest always carries the same Message-ID, so a resend can be recognised. */
  idempotencyKey: string;
}

/** Email digests over SMTP (SMTP_URL); one transport per process, opened on first use. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly env: Env) {}

  async send(message: EmailMessage): Promise<void> {
    if (!this.env.SMTP_URL) throw new DeliveryFailure('未配置邮件服务器（SMTP_URL），无法发送邮件摘要', true);
    if (message.to.length === 0) throw new DeliveryFailure('该单位未设置联系邮箱（contactEmails），无法发送邮件摘要', true);
    this.transport ??= createTransport({
      url: this.env.SMTP_URL,
      // Bounded like the webhook: a mail server that stops answering fails the attempt, the job retries.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    try {
      await this.transport.sendMail({
        from: this.env.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.idempotencyKey}@duban>`,
        headers: { 'X-Idempotency-Key': message.idempotencyKey },
      });
    } catch (error) {
      throw new DeliveryFailure(`邮件发送失败：${shortError((error as Error).message)}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
