import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitUntil } from './wait';

// ---- SMTP ------------------------------------------------------------------------------------------------------

export interface ReceivedMail {
  from: string;
  to: string[];
  messageId: string | null;
  idempotencyKey: string | null;
  subject: string;
  text: string;
  raw: string;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Waits until at least `count` messages arrived (fails after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps every message it accepts, decoded enough to assert on. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Plain SMTP on loopback: no STARTTLS (its built-in certificate is for demos), no AUTH.
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          ...parseMail(raw),
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitForMessages(count, timeoutMs = 15_000) {
      await waitUntil(() => messages.length >= count, { timeoutMs, what: () => `${count} email(s) at the SMTP sink (got ${messages.length})` });
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Enough of RFC 5322/2047/2045 for what nodemailer writes: headers, encoded words, one text part. */
function parseMail(raw: string): Pick<ReceivedMail, 'messageId' | 'idempotencyKey' | 'subject' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return {
    messageId: headers.get('message-id') ?? null,
    idempotencyKey: headers.get('x-idempotency-key') ?? null,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
  };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

// ---- HTTP ------------------------------------------------------------------------------------------------------

export interface SinkRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: any;
  idempotencyKey: string | null;
  /** What the sink answered; null while it hangs or when the client went away first. */
  status: number | null;
}

/** How the sink answers one request. `delayMs: Infinity` hangs until the client gives up (or the sink closes). */
export interface SinkAnswer {
  status: number;
  body?: unknown;
  delayMs?: number;
}

/** Decides each answer; `nth` counts the requests to the same path, from 1. */
export type SinkBehaviour = (request: SinkRequest, nth: number) => SinkAnswer;

export const answers = {
  ok: (): SinkBehaviour => () => ({ status: 200, body: { ok: true } }),
  failTimesThenOk:
    (times: number, status = 500): SinkBehaviour =>
    (_, nth) => (nth <= times ? { status, body: { error: `故障 ${nth}` } } : { status: 200, body: { ok: true } }),
  alwaysFail:
    (status = 500): SinkBehaviour =>
    () => ({ status, body: { error: '接收方故障' } }),
  hangFirst:
    (delayMs = Infinity): SinkBehaviour =>
    (_, nth) => (nth === 1 ? { status: 200, delayMs } : { status: 200, body: { ok: true } }),
};

export interface HttpSink {
  url: string;
  /** Every request, in arrival order, hung ones included. */
  requests: SinkRequest[];
  /**
   * What a receiver that dedupes by Idempotency-Key would have processed: each key once, however often the
   * sender retried. `duplicates` counts the repeats it recognised and dropped (answered 200, not processed).
   */
  processed: Map<string, SinkRequest>;
  duplicates: number;
  /** Sets the behaviour for one path (e.g. '/unit-a'), or for every path without its own when `path` is omitted. */
  behave(behaviour: SinkBehaviour, path?: string): void;
  waitForRequests(count: number, timeoutMs?: number): Promise<SinkRequest[]>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback playing a webhook receiver, with programmable answers. */
export async function startHttpSink(): Promise<HttpSink> {
  const requests: SinkRequest[] = [];
  const processed = new Map<string, SinkRequest>();
  const perPath = new Map<string, SinkBehaviour>();
  const counts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  let fallback: SinkBehaviour = answers.ok();
  const sink: HttpSink = {
    url: '',
    requests,
    processed,
    duplicates: 0,
    behave(behaviour, path) {
      if (path === undefined) fallback = behaviour;
      else perPath.set(path, behaviour);
    },
    async waitForRequests(count, timeoutMs = 15_000) {
      await waitUntil(() => requests.length >= count, { timeoutMs, what: () => `${count} request(s) at the HTTP sink (got ${requests.length})` });
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!;
      const key = req.headers['idempotency-key'];
      const request: SinkRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body,
        json: safeJson(body),
        idempotencyKey: typeof key === 'string' ? key : null,
        status: null,
      };
      requests.push(request);
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      const answer = (perPath.get(path) ?? fallback)(request, nth);
      const send = () => {
        hanging.delete(res);
        if (res.destroyed) return;
        request.status = answer.status;
        if (answer.status >= 200 && answer.status < 300 && request.idempotencyKey) {
          if (processed.has(request.idempotencyKey)) sink.duplicates++;
          else processed.set(request.idempotencyKey, request);
        }
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer.body ?? {}));
      };
      if (answer.delayMs === Infinity) hanging.add(res);
      else if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sink;
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
