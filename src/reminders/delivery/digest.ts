import type { WebhookFormat } from '../../units/unit-kinds';
import { digestText, type ReminderKind } from '../reminder-texts';

/** The supervisors' office, when a digest is for them rather than a unit. */
export const SUPERVISORS_RECIPIENT = '督查室';

export interface DigestReminder {
  id: string;
  kind: ReminderKind;
  level: number;
  taskNumber: number;
  taskContent: string;
  dueDate: string;
  message: string;
}

/** One recipient's reminders of one day, in the words of every channel. */
export interface Digest {
  deliveryId: string;
  day: string;
  unit: { id: string; name: string } | null;
  recipient: string;
  reminders: DigestReminder[];
  subject: string;
  body: string;
}

export function buildDigest(
  delivery: { id: string; day: string; unit: { id: string; name: string } | null },
  reminders: DigestReminder[],
): Digest {
  const recipient = delivery.unit?.name ?? SUPERVISORS_RECIPIENT;
  const { subject, body } = digestText(recipient, delivery.day, reminders.map((r) => r.message));
  return { deliveryId: delivery.id, day: delivery.day, unit: delivery.unit, recipient, reminders, subject, body };
}

// Robot messages have hard size limits (WeCom markdown: 4096 bytes; DingTalk's is larger but undocumented per
// field): a long digest is cut at a line boundary and says how many reminders it left out.
const ROBOT_LIMIT_BYTES: Record<'dingtalk' | 'wecom', number> = { dingtalk: 18_000, wecom: 4_000 };

/** The exact JSON a unit's webhook receives; the signature is computed over this string. */
export function webhookBody(digest: Digest, format: WebhookFormat): string {
  switch (format) {
    case 'generic':
      return JSON.stringify({
        deliveryId: digest.deliveryId,
        unit: digest.unit,
        day: digest.day,
        reminders: digest.reminders.map((r) => ({
          kind: r.kind,
          level: r.level,
          task: { number: r.taskNumber, content: r.taskContent },
          dueDate: r.dueDate,
          message: r.message,
        })),
      });
    case 'dingtalk':
      return JSON.stringify({
        msgtype: 'markdown',
        // The title is what the chat list shows; the subject already names the unit, day and count.
        markdown: { title: digest.subject, text: robotMarkdown(digest, `### ${digest.subject}`, ROBOT_LIMIT_BYTES.dingtalk) },
      });
    case 'wecom':
      return JSON.stringify({
        msgtype: 'markdown',
        markdown: { content: robotMarkdown(digest, `**${digest.subject}**`, ROBOT_LIMIT_BYTES.wecom) },
      });
  }
}

function robotMarkdown(digest: Digest, heading: string, limitBytes: number): string {
  const lines = digest.reminders.map((r, i) => `${i + 1}. ${r.level === 2 ? '**[督办]** ' : ''}${r.message}`);
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const head = `${heading}\n\n${digest.recipient}：截至 ${digest.day}，共 ${lines.length} 条提醒。\n\n`;
  let text = head;
  for (let i = 0; i < lines.length; i++) {
    const more = `\n\n……另有 ${lines.length - i} 条，请登录督查督办系统查看。`;
    const next = `${text}${i === 0 ? '' : '\n\n'}${lines[i]}`;
    const roomForMore = i === lines.length - 1 ? 0 : bytes(more);
    if (bytes(next) + roomForMore > limitBytes) return `${text}${more}`;
    text = next;
  }
  return text;
}
