import * as path from 'node:path';
import { ConfigType, registerAs } from '@nestjs/config';
import { EnvSchema } from './env.schema';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_LINK_SIGNING_SECRET } from './secrets';
import { ConfigValidationError, validateEnv } from './validate-env';

// The only place that reads process.env. Everything else injects a typed namespace.
function env(): EnvSchema {
  return validateEnv(EnvSchema, process.env);
}

function durationMs(text: string): number {
  const n = Number(text.slice(0, -1));
  const unit = text.slice(-1);
  return n * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 's' | 'm' | 'h' | 'd'];
}

/**
 * Express's `trust proxy`: unset or "false" trusts no proxy (the socket address is the client);
 * "true" trusts every hop; a number trusts that many hops; anything else is a comma-separated
 * list of addresses or subnets of the proxies ("loopback", "10.0.0.0/8").
 */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** The development business clock (BUSINESS_CLOCK=file); production runs on the system clock only. */
function businessClock(e: EnvSchema): {
  mode: 'system' | 'file';
  file: string;
  start: Date | null;
} {
  const mode = (e.BUSINESS_CLOCK ?? 'system') as 'system' | 'file';
  if (mode === 'file' && e.NODE_ENV === 'production') {
    throw new ConfigValidationError([
      'BUSINESS_CLOCK: file is refused when NODE_ENV=production (production runs on the system clock) (got "file")',
    ]);
  }
  return {
    mode,
    file: path.resolve(e.BUSINESS_CLOCK_FILE ?? '.business-clock.json'),
    start: e.BUSINESS_CLOCK_START ? new Date(e.BUSINESS_CLOCK_START) : null,
  };
}

export const appConfig = registerAs('app', () => {
  const e = env();
  const port = e.PORT ?? 3000;
  return {
    env: (e.NODE_ENV ?? 'development') as 'development' | 'test' | 'production',
    port,
    workerHealthPort: e.WORKER_HEALTH_PORT ?? 3001,
    publicUrl: (e.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, ''),
    corsOrigins: (e.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // Honoured only when NODE_ENV=test (see clock.module.ts).
    clockFile: e.NODE_ENV === 'test' ? e.TRACKER_CLOCK_FILE : undefined,
    businessClock: businessClock(e),
    /** Worker threads for CPU-heavy request work (libs/services/src/offload). */
    offload: {
      threads: e.OFFLOAD_THREADS ?? 2,
      queue: e.OFFLOAD_QUEUE ?? 8,
      // Under the 60 s answer deadline of the slow routes, so the client hears why.
      timeoutMs: e.OFFLOAD_TIMEOUT_MS ?? 30_000,
    },
  };
});

export const databaseConfig = registerAs('database', () => {
  const e = env();
  return {
    host: e.DB_HOST ?? '127.0.0.1',
    port: e.DB_PORT ?? 5432,
    username: e.DB_USER ?? 'postgres',
    password: e.DB_PASSWORD ?? '',
    database: e.DB_NAME ?? 'tracker',
    // Sized for 100 concurrent requests of a few short statements each; the wait for a free
    // connection is bounded so an overloaded pool answers 503 rather than hanging.
    poolSize: e.DB_POOL_SIZE ?? 20,
    poolWaitMs: e.DB_POOL_WAIT_MS ?? 10_000,
  };
});

export const redisConfig = registerAs('redis', () => {
  const e = env();
  return {
    host: e.REDIS_HOST ?? '127.0.0.1',
    port: e.REDIS_PORT ?? 6379,
    password: e.REDIS_PASSWORD || undefined,
    /** A Redis Cluster's seed nodes; null for a single Redis at host and port. */
    clusterNodes: e.REDIS_CLUSTER_NODES
      ? e.REDIS_CLUSTER_NODES.split(',').map((n) => {
          const at = n.lastIndexOf(':');
          return { host: n.slice(0, at), port: Number(n.slice(at + 1)) };
        })
      : null,
    // Wrap in braces ({tracker}) to pin every queue key to one Redis Cluster slot.
    prefix: e.QUEUE_PREFIX ?? 'tracker',
    /** How often the worker checks that Redis still holds its job schedulers (sentinel key). */
    watchdogMs: e.REDIS_WATCHDOG_MS ?? 30_000,
  };
});

export const mailConfig = registerAs('mail', () => {
  const e = env();
  return {
    host: e.SMTP_HOST ?? '127.0.0.1',
    port: e.SMTP_PORT ?? 1025,
    user: e.SMTP_USER || undefined,
    password: e.SMTP_PASSWORD || undefined,
    secure: e.SMTP_SECURE === 'true',
    from: e.MAIL_FROM ?? '领导小组办公室 <tracker@localhost>',
    // First retry delay of a mail job (exponential after it): 30 s by default, shortened in tests.
    retryDelayMs: e.MAIL_RETRY_DELAY_MS ?? 30_000,
    /** One SMTP send may take this long before the job fails and retries (NOTES §12). */
    sendTimeoutMs: e.MAIL_SEND_TIMEOUT_MS ?? 30_000,
    /** How long an acknowledge-from-email link stays valid. */
    actionLinkTtlMs: durationMs(e.ACTION_LINK_TTL ?? '14d'),
  };
});

export const authConfig = registerAs('auth', () => {
  const e = env();
  const production = e.NODE_ENV === 'production';
  return {
    // Production has no default secret (the schema requires one); development gets a fixed one.
    jwtSecret: e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    // Its own key (not derived from the JWT secret); development gets a distinct default.
    linkSigningSecret: e.LINK_SIGNING_SECRET ?? DEVELOPMENT_LINK_SIGNING_SECRET,
    linkSigningPreviousSecret: e.LINK_SIGNING_SECRET_PREVIOUS || undefined,
    accessTtlMs: durationMs(e.JWT_ACCESS_TTL ?? '15m'),
    refreshTtlMs: durationMs(e.JWT_REFRESH_TTL ?? '7d'),
    demoPassword: production ? undefined : (e.DEMO_PASSWORD ?? 'demo'),
    loginRateLimit: e.LOGIN_RATE_LIMIT ?? 10,
    publicRateLimit: e.PUBLIC_RATE_LIMIT ?? 60,
    /** Read by `cli create-admin` only. */
    adminPassword: e.ADMIN_PASSWORD || undefined,
  };
});

/** Where evidence files (佐证材料) are stored, and how large one may be. */
export const evidenceConfig = registerAs('evidence', () => {
  const e = env();
  return {
    driver: (e.EVIDENCE_STORAGE ?? 'local') as 'local' | 's3',
    dir: path.resolve(e.EVIDENCE_DIR ?? '.evidence'),
    maxBytes: e.EVIDENCE_MAX_BYTES ?? 10 * 1024 * 1024,
    s3: {
      bucket: e.S3_BUCKET ?? '',
      endpoint: e.S3_ENDPOINT || undefined,
      region: e.S3_REGION ?? 'us-east-1',
      accessKeyId: e.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
    },
  };
});

export const ALL_CONFIGS = [
  appConfig,
  databaseConfig,
  redisConfig,
  mailConfig,
  authConfig,
  evidenceConfig,
];

export type AppConfig = ConfigType<typeof appConfig>;
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type MailConfig = ConfigType<typeof mailConfig>;
export type AuthConfig = ConfigType<typeof authConfig>;
export type EvidenceConfig = ConfigType<typeof evidenceConfig>;
