/**
 * Malformed requests generated from the api's OpenAPI document: for each operation's JSON body (and each query
 * parameter of a GET), values of the wrong type, missing required fields, NUL bytes, lone surrogates, huge
 * numbers, deep nesting, out-of-range dates and over-long strings. Deterministic: a seeded PRNG picks them.
 */

export type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

export interface MalformedRequest {
  /** e.g. "PATCH /api/tasks/{id} content: NUL byte" */
  what: string;
  method: string;
  /** OpenAPI path, e.g. /api/tasks/{id} */
  path: string;
  query: string;
  /** The raw body sent (JSON text, or deliberately broken text); undefined for none. */
  body?: string | Buffer;
}

/** mulberry32: small, seeded, good enough to pick cases reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Each kind turns a field's schema into a bad value, as JSON text (so it can be broken JSON or deep nesting). */
const MUTATIONS: Record<string, (s: Schema) => string> = {
  'wrong type': (s) => (s.type === 'string' ? '12345' : s.type === 'array' ? '{"0":"x"}' : s.type === 'object' ? '"x"' : '"不是数字"'),
  'a boolean': () => 'true',
  'an object': () => '{"$gt":""}',
  'an array of arrays': () => '[[[1]]]',
  'NUL byte': () => JSON.stringify('前\u0000后'),
  'only NUL bytes': () => JSON.stringify('\u0000\u0000'),
  'lone high surrogate': () => '"\\ud83d"',
  'lone low surrogate': () => '"a\\udc00b"',
  'huge number': () => '1e308',
  'past float range': () => '1e400',
  'negative huge number': () => '-9223372036854775809',
  '2^53 + 1': () => '9007199254740993',
  'NaN-ish string': () => '"NaN"',
  'deep nesting': () => nested(3000),
  'date 9999-12-31T99': () => '"9999-12-31T99:99:99Z"',
  'date year 0': () => '"0000-00-00"',
  'date 2021-02-29': () => '"2021-02-29"',
  'date +275760': () => '"+275760-09-13"',
  'date -000001': () => '"-000001-01-01"',
  'over-long string': () => JSON.stringify('长'.repeat(300_000)),
  'control characters': () => JSON.stringify('\u0007\u001b[31m\u2028\u2029\ufeff'),
  null: () => 'null',
};
export const MUTATION_KINDS = Object.keys(MUTATIONS);

/** Bodies broken as a whole, whatever the schema. */
const WHOLE_BODY: Record<string, () => string | Buffer> = {
  'truncated JSON': () => '{"a": "b',
  'invalid UTF-8': () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d]),
  'deep array': () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  'duplicate keys': () => '{"version":1,"version":"x","__proto__":{"admin":true}}',
  'a JSON string': () => '"body"',
  'BOM and garbage': () => '\ufeff\u0000{}',
};

export class PayloadGenerator {
  private readonly random: () => number;

  constructor(
    private readonly doc: OpenApiDocument,
    seed: number,
  ) {
    this.random = prng(seed);
  }

  resolve(schema: Schema | undefined): Schema | undefined {
    if (!schema) return undefined;
    if (schema.$ref) return this.resolve(this.doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.oneOf) return this.resolve(schema.oneOf[0]);
    if (schema.allOf) return this.resolve(schema.allOf[0]);
    return schema;
  }

  /** A valid-looking value, so the one bad field is what the route has to cope with. */
  plausible(name: string, schema: Schema | undefined, ids: Record<string, string>): unknown {
    const s = this.resolve(schema) ?? {};
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    if (ids[name]) return ids[name];
    if (s.format === 'uuid') return ids.unknown;
    if (s.type === 'integer' || s.type === 'number') return 1;
    if (s.type === 'boolean') return false;
    if (s.type === 'array') return [this.plausible('', s.items, ids)];
    if (s.type === 'object' || s.properties) {
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, this.plausible(k, v, ids)]));
    }
    return /date|Date|asOf/.test(name) ? '2021-11-30' : '测试内容';
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /**
   * `count` requests over `operations` in turn (method + OpenAPI path), each with one malformation: a body field
   * (or a field of an array item) replaced or removed, a query parameter, or the whole body broken.
   */
  generate(operations: Array<{ method: string; path: string }>, count: number, ids: Record<string, string>): MalformedRequest[] {
    const out: MalformedRequest[] = [];
    for (let n = 0; out.length < count; n++) {
      const { method, path } = operations[n % operations.length]!;
      const operation = this.doc.paths[path]?.[method.toLowerCase()];
      const params: string[] = (operation?.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
      const body = this.resolve(operation?.requestBody?.content?.['application/json']?.schema);
      const label = `${method} ${path}`;
      if (!body) {
        const param = params.length > 0 ? this.pick(params) : 'q';
        const kind = this.pick(MUTATION_KINDS);
        const value = queryValue(MUTATIONS[kind]!({}));
        out.push({ what: `${label} ?${param}: ${kind}`, method, path, query: `?${param}=${value}` });
        continue;
      }
      const base = this.plausible('', body, ids) as Record<string, unknown>;
      const fields = Object.keys(body.properties ?? {});
      const roll = this.random();
      if (roll < 0.08 || fields.length === 0) {
        const kind = this.pick(Object.keys(WHOLE_BODY));
        out.push({ what: `${label} body: ${kind}`, method, path, query: '', body: WHOLE_BODY[kind]!() });
        continue;
      }
      const field = this.pick(fields);
      const fieldSchema = this.resolve(body.properties![field]) ?? {};
      if (roll < 0.2) {
        const required = body.required?.length ? this.pick(body.required) : field;
        const { [required]: _, ...rest } = base;
        out.push({ what: `${label} missing required ${required}`, method, path, query: '', body: JSON.stringify(rest) });
        continue;
      }
      const kind = this.pick(MUTATION_KINDS);
      const items = this.resolve(fieldSchema.items);
      if (items?.properties && this.random() < 0.5) {
        const inner = this.pick(Object.keys(items.properties));
        const item = JSON.stringify(this.plausible('', items, ids)).slice(0, -1);
        const bad = `${item}${item.length > 1 ? ',' : ''}"${inner}":${MUTATIONS[kind]!(this.resolve(items.properties[inner]) ?? {})}}`;
        out.push({ what: `${label} ${field}[0].${inner}: ${kind}`, method, path, query: '', body: withField(base, field, `[${bad}]`) });
        continue;
      }
      out.push({ what: `${label} ${field}: ${kind}`, method, path, query: '', body: withField(base, field, MUTATIONS[kind]!(fieldSchema)) });
    }
    return out;
  }
}

/** The body as JSON with `field` set to raw JSON text (which may be deliberately odd: deep, huge, duplicated). */
function withField(base: Record<string, unknown>, field: string, raw: string): string {
  const { [field]: _, ...rest } = base;
  const others = JSON.stringify(rest).slice(1, -1);
  return `{${others}${others ? ',' : ''}${JSON.stringify(field)}:${raw}}`;
}

/** A JSON value as a query string value: strings unquoted; lone surrogates as the bytes a client would send. */
function queryValue(json: string): string {
  if (json.length > 20_000) return 'x'.repeat(20_000);
  if (json.includes('\\ud83d') || json.includes('\\udc00')) return '%ED%A0%BD';
  const value = json.startsWith('"') ? (JSON.parse(json) as string) : json;
  return encodeURIComponent(value);
}

// ---- garbled notices ------------------------------------------------------------------------------------------

const JUNK = ['\u0000', '\ud800', '（', '）', '(', '责任单位：', '牵头单位:', '；', '\r', '\t', '\u3000', '一、', '1.', '（一）', '完成时限：2021年13月', '\ufffd', '\u202e'];

/** A notice garbled the way pasted or converted text goes wrong: cut, shuffled, doubled, sprinkled with junk. */
export function garbleNotice(notice: string, random: () => number): string {
  let lines = notice.split('\n');
  const ops = 1 + Math.floor(random() * 4);
  for (let i = 0; i < ops; i++) {
    const op = Math.floor(random() * 8);
    const at = Math.floor(random() * lines.length);
    if (op === 0) lines = lines.slice(0, at + 1);
    else if (op === 1) lines = lines.slice(at);
    else if (op === 2) lines.sort(() => random() - 0.5);
    else if (op === 3) lines.splice(at, 0, ...lines.slice(at, at + 20));
    else if (op === 4) lines[at] = (lines[at] ?? '').repeat(50 + Math.floor(random() * 500));
    else if (op === 5) lines = lines.map((line) => (random() < 0.3 ? line.replace(/[（(：:；;、.]/g, () => JUNK[Math.floor(random() * JUNK.length)]!) : line));
    else if (op === 6) lines = lines.map((line) => [...line].map((c) => (random() < 0.05 ? String.fromCharCode(Math.floor(random() * 0xffff)) : c)).join(''));
    else lines = lines.map((line) => line.slice(0, Math.floor(random() * line.length)));
  }
  return lines.join(random() < 0.2 ? '\r\n' : '\n');
}
