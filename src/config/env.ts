import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

const NODE_ENVS = ['development', 'production', 'test'] as const;
const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export const USERNAME = /^[a-z0-9._\-\u4e00-\u9fff]{2,64}$/;

const toNumber =
  (fallback: number) =>
  ({ value }: { value: unknown }) =>
    value === undefined || value === '' ? fallback : Number(value);

/** Every variable the service reads. Validated once at start; all problems are reported together. */
export class Env {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toNumber(3000))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  /** Prefix for every Redis key, so several deployments (or test files) can share one Redis. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9:_-]{1,40}$/i, { message: 'QUEUE_PREFIX may use letters, digits, : _ - (at most 40)' })
  QUEUE_PREFIX = 'duban';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'log';

  @Transform(toNumber(1_048_576))
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Where evidence files (佐证材料) are kept: local disk (STORAGE_DIR) or an S3-compatible store (S3_*). */
  @IsIn(['local', 's3'])
  STORAGE: 'local' | 's3' = 'local';

  @IsOptional()
  @IsString()
  STORAGE_DIR = '.data/evidence';

  /** S3 API endpoint, e.g. http://minio.internal:9000; unset with STORAGE=s3: AWS S3 itself. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @ValidateIf((env: Env) => env.STORAGE === 's3')
  @IsString({ message: 'S3_BUCKET is required when STORAGE=s3' })
  @MinLength(3, { message: 'S3_BUCKET must be a bucket name' })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_REGION = 'us-east-1';

  /** Unset: the AWS SDK's usual credential chain (environment, instance role). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((env: Env) => env.S3_ACCESS_KEY_ID !== undefined)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY is required with S3_ACCESS_KEY_ID' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Bound on each call to the object store; past it the request answers 503. */
  @Transform(toNumber(10_000))
  @IsInt()
  @Min(100)
  @Max(120_000)
  STORAGE_TIMEOUT_MS = 10_000;

  /** Largest evidence file accepted (bytes); larger ones get 413. */
  @Transform(toNumber(20_971_520))
  @IsInt()
  @Min(1024)
  EVIDENCE_MAX_BYTES = 20_971_520;

  /** Most evidence files per upload and per report or request. */
  @Transform(toNumber(9))
  @IsInt()
  @Min(1)
  @Max(50)
  EVIDENCE_MAX_FILES = 9;

  /**
   * The longest any request waits on PostgreSQL or Redis (pool acquire, connect, statement, command) before it
   * answers 503 with Retry-After: an outage must not hold a clerk's browser for its whole length.
   */
  @Transform(toNumber(5000))
  @IsInt()
  @Min(100)
  @Max(60_000)
  REQUEST_TIMEOUT_MS = 5000;

  /** Notice imports (an uploaded Word or Excel file, or a long pasted notice) may be larger than other bodies. */
  @Transform(toNumber(20_971_520))
  @IsInt()
  @Min(1024)
  IMPORT_BODY_LIMIT_BYTES = 20_971_520;

  /** HMAC key for access tokens; required in production, generated per process (with a warning) otherwise. */
  @ValidateIf((env: Env) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString({ message: 'JWT_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toNumber(480))
  @IsInt()
  @Min(5)
  @Max(7 * 24 * 60)
  TOKEN_TTL_MINUTES = 480;

  /** How long an api process trusts the user it read for a token (src/users/user-cache.ts); 0: read on every request. */
  @Transform(toNumber(5000))
  @IsInt()
  @Min(0)
  @Max(60_000)
  USER_CACHE_TTL_MS = 5000;

  /**
   * The most one api process keeps of the supervision views' answers (src/supervision/view-cache.ts), counted as
   * their JSON size (the objects in memory take more); 0 turns the cache off. An answer is given again only while
   * nothing it reads has changed.
   */
  @Transform(toNumber(33_554_432))
  @IsInt()
  @Min(0)
  @Max(1_073_741_824)
  VIEW_CACHE_BYTES = 33_554_432;

  /** Create this admin at start when no admin exists yet. */
  @IsOptional()
  @IsString()
  @Matches(USERNAME, { message: 'ADMIN_USERNAME may use lowercase letters, digits, Chinese, . _ - (2–64)' })
  ADMIN_USERNAME?: string;

  @ValidateIf((env: Env) => env.ADMIN_USERNAME !== undefined)
  @IsString({ message: 'ADMIN_PASSWORD is required with ADMIN_USERNAME' })
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  /**
   * Behind a balancer: which proxies' X-Forwarded-For to believe, so login throttling and the audit see the
   * client's address: "true" (any) or comma-separated addresses/CIDRs. Unset: the socket address.
   */
  @IsOptional()
  @Matches(/^(true|false|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false or comma-separated addresses/CIDRs',
  })
  TRUST_PROXY?: string;

  /** Comma-separated origins allowed to call the API from a browser; empty: same origin only. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Transform(toNumber(5))
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_USER = 5;

  @Transform(toNumber(20))
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 20;

  @Transform(toNumber(900))
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** Bearer token that opens GET /metrics (Prometheus); without it and METRICS_ALLOW, /metrics is 404. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Comma-separated addresses/CIDRs (a Prometheus server) that may read GET /metrics without the token. */
  @IsOptional()
  @Matches(/^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$/, { message: 'METRICS_ALLOW must be comma-separated addresses/CIDRs' })
  METRICS_ALLOW?: string;

  /** Daily reminder scan: cron in REMINDER_TZ; the scan itself skips non-working days (调休 aware). */
  @IsOptional()
  @IsString()
  REMINDER_CRON = '0 9 * * *';

  @IsOptional()
  @IsString()
  REMINDER_TZ = 'Asia/Shanghai';

  /** How long a worker holds a job before others may take it over as stalled (a crashed worker's job). */
  @Transform(toNumber(30_000))
  @IsInt()
  @Min(1000)
  WORKER_LOCK_MS = 30_000;

  /** Links in reminder texts point here, e.g. https://duban.example.gov.cn */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'APP_BASE_URL must be an http(s) URL' })
  APP_BASE_URL = 'http://localhost:3000';

  /** Pretend today is this date (YYYY-MM-DD): for demos and rehearsals of a past plan, never in production use. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'CLOCK_TODAY must be YYYY-MM-DD' })
  CLOCK_TODAY?: string;

  /**
   * Mail server for email digests, e.g. smtp://user:pass@mail.example.gov.cn:587 or smtps://…:465.
   * Optional: without it email digests fail with a clear error (units may still use the inbox and webhooks).
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of email digests: an address, optionally with a display name ("督查室 <duban@example.gov.cn>"). */
  @IsOptional()
  @Matches(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'MAIL_FROM must be an email address, optionally "Name <address>"' })
  MAIL_FROM = '督查督办系统 <duban@localhost>';

  /**
   * Key for the X-Duban-Signature HMAC on webhook digests, so a receiver can tell they came from us. Optional:
   * without it webhooks go unsigned (DingTalk/WeCom robots do not check it) and the worker warns at start.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters' })
  WEBHOOK_SECRET?: string;

  /** Attempts per digest delivery before it is marked failed (then a supervisor may retry it). */
  @Transform(toNumber(6))
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_ATTEMPTS = 6;

  /** First retry delay of a failed delivery; it doubles each attempt (30 s, 1 min, 2 min, …). Tests shorten it. */
  @Transform(toNumber(30_000))
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_BACKOFF_MS = 30_000;
}

const NEST_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Nest logger levels up to LOG_LEVEL, for every entry point. */
export function logLevels(env: Env): Array<(typeof NEST_LEVELS)[number]> {
  return NEST_LEVELS.slice(0, NEST_LEVELS.indexOf(env.LOG_LEVEL) + 1);
}

/** Fastify's trustProxy option from TRUST_PROXY. */
export function trustProxy(env: Env): boolean | string[] {
  const value = env.TRUST_PROXY;
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value.split(',');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Env, defined, { exposeDefaultValues: true });
  const problems = validateSync(env, { whitelist: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}
