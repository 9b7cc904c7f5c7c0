import { REMINDER_KIND_LABELS } from '../meta/labels';

/** The words a department reads. Chinese, naming plan, task number and content, due date, overdue days, link. */
export type ReminderKind = 'due_soon' | 'report_missing' | 'overdue' | 'escalation' | 'urge' | 'unacknowledged';

export const KIND_LABELS: Record<ReminderKind, string> = REMINDER_KIND_LABELS;

export interface ReminderFacts {
  planTitle: string;
  taskNumber: number;
  content: string;
  dueDate: string;
  link: string;
  workdaysLeft?: number;
  daysOverdue?: number;
  period?: string;
  message?: string;
  /** The day the unit was given the task, and the workdays since, for a 签收 reminder. */
  assignedDay?: string;
  workdaysSinceAssigned?: number;
}

/** A task's content is cut to this many characters in a message. */
const CONTENT_MAX = 60;

const shorten = (text: string, max = CONTENT_MAX) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function reminderMessage(kind: ReminderKind, f: ReminderFacts): string {
  const task = `《${f.planTitle}》第${f.taskNumber}项“${shorten(f.content)}”`;
  const tail = `完成时限 ${f.dueDate}。详情：${f.link}`;
  switch (kind) {
    case 'due_soon':
      return `【${KIND_LABELS.due_soon}】${task}还有 ${f.workdaysLeft} 个工作日到期，请抓紧推进。${tail}`;
    case 'report_missing':
      return `【${KIND_LABELS.report_missing}】${task}尚未报送 ${f.period} 期进展，请尽快报送。${tail}`;
    case 'overdue':
      return `【${KIND_LABELS.overdue}】${task}已逾期 ${f.daysOverdue} 天，请立即办理并报送进展。${tail}`;
    case 'escalation':
      return `【${KIND_LABELS.escalation}】${task}已逾期 ${f.daysOverdue} 天，现予督办，请单位主要负责人督促落实并书面说明情况。${tail}`;
    case 'unacknowledged':
      return `【${KIND_LABELS.unacknowledged}】${task}已于 ${f.assignedDay} 交办贵单位，${f.workdaysSinceAssigned} 个工作日仍未签收，请登录系统签收并抓紧办理。${tail}`;
    case 'urge':
      return `【${KIND_LABELS.urge}】${task}：${f.message}。${tail}`;
  }
}

/** One message for a unit's whole day: a bureau with 41 overdue tasks gets one digest, not 41. */
export function digestText(recipient: string, day: string, messages: string[]): { subject: string; body: string } {
  const subject = `【督查督办】${recipient} ${day} 待办提醒（${messages.length} 条）`;
  const body = [`${recipient}：`, `截至 ${day}，您单位有以下 ${messages.length} 条督办提醒：`, '', ...messages.map((m, i) => `${i + 1}. ${m}`), '', '（本邮件由督查督办系统自动发送）'].join('\n');
  return { subject, body };
}

/** Marks where a fact goes in a message template; never part of a real message. */
const SLOT = '\u0000';

/**
 * The same message as reminderMessage, as a SQL text expression over the given column expressions, so that a
 * set-based scan writes exactly the words this file holds. The fixed words are bound as parameters by `bind`;
 * `content` is cut as shorten() cuts it.
 */
export function reminderMessageSql(
  kind: ReminderKind,
  facts: Partial<Record<keyof ReminderFacts, string>>,
  bind: (value: unknown) => string,
): string {
  const slots = Object.fromEntries(Object.keys(facts).map((name) => [name, `${SLOT}${name}${SLOT}`]));
  const template = reminderMessage(kind, slots as unknown as ReminderFacts);
  if (template.includes('undefined')) throw new Error(`reminderMessageSql(${kind}): a fact the message needs was not given`);
  const column = (name: string) => {
    const sql = facts[name as keyof ReminderFacts];
    if (sql === undefined) throw new Error(`reminderMessageSql(${kind}): unknown fact ${name}`);
    return name === 'content' ? `CASE WHEN length(${sql}) > ${CONTENT_MAX} THEN left(${sql}, ${CONTENT_MAX}) || '…' ELSE ${sql} END` : `(${sql})::text`;
  };
  return template
    .split(SLOT)
    .map((part, i) => (i % 2 === 1 ? column(part) : part === '' ? null : `${bind(part)}::text`))
    .filter((part): part is string => part !== null)
    .join(' || ');
}
