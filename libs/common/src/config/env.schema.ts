import {
  IsBooleanString,
  IsIn,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IsProductionSecret } from './secrets';

/** Every environment variable the tracker reads. Listed in README and .env.example. */
export class EnvSchema {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;

  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /** Which reverse proxies to trust for the client address: false (default), true, a hop count, or addresses/subnets. */
  @IsOptional()
  @Matches(/^(?:true|false|\d{1,2}|[\w.:/\s,-]+)$/, {
    message: 'must be true, false, a hop count or a list of proxy addresses',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsString()
  DB_HOST?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT?: number;

  @IsOptional()
  @IsString()
  DB_USER?: string;

  @IsOptional()
  @IsString()
  DB_PASSWORD?: string;

  @IsOptional()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a plain identifier' })
  DB_NAME?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(120_000)
  DB_POOL_WAIT_MS?: number;

  @IsOptional()
  @IsString()
  REDIS_HOST?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT?: number;

  @IsOptional()
  @IsString()
  REDIS_PASSWORD?: string;

  @IsOptional()
  @Matches(/^[^:\s]+$/, { message: 'must not contain ":" or spaces' })
  QUEUE_PREFIX?: string;

  /**
   * A Redis Cluster's seed nodes (`host:port,host:port,…`); when set, REDIS_HOST and REDIS_PORT
   * are not used, and QUEUE_PREFIX must carry a hash tag (`{tracker}`) so that each queue's keys,
   * and the sign-in limiter's, share one slot.
   */
  @IsOptional()
  @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, {
    message: 'must be host:port pairs separated by commas',
  })
  @ValidateBy({
    name: 'clusterNeedsHashTag',
    validator: {
      validate: (_: unknown, args) =>
        /\{[^{}]+\}/.test(String((args?.object as EnvSchema).QUEUE_PREFIX ?? '')),
      defaultMessage: () =>
        "needs QUEUE_PREFIX with a hash tag, such as {tracker}: a cluster keeps a queue's keys in one slot only then",
    },
  })
  REDIS_CLUSTER_NODES?: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  REDIS_WATCHDOG_MS?: number;

  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT?: number;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  @IsOptional()
  @IsBooleanString()
  SMTP_SECURE?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  MAIL_RETRY_DELAY_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(100)
  MAIL_SEND_TIMEOUT_MS?: number;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'must look like 15m, 900s, 12h or 30d' })
  ACTION_LINK_TTL?: string;

  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @IsProductionSecret()
  JWT_SECRET?: string;

  /** Signs the acknowledge links in mail; a key of its own, so a leaked one does not forge sessions. */
  @IsProductionSecret('JWT_SECRET')
  LINK_SIGNING_SECRET?: string;

  /** The key before the last rotation: links signed with it keep working until they expire. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'LINK_SIGNING_SECRET_PREVIOUS must be at least 32 characters' })
  LINK_SIGNING_SECRET_PREVIOUS?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'must look like 15m, 900s, 12h or 30d' })
  JWT_ACCESS_TTL?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'must look like 15m, 900s, 12h or 30d' })
  JWT_REFRESH_TTL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DEMO_PASSWORD?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT?: number;

  /** Requests per client address per minute to each public route group (acknowledge links, calendar feeds). */
  @IsOptional()
  @IsInt()
  @Min(1)
  PUBLIC_RATE_LIMIT?: number;
  /** `cli create-admin` only: the new admin's password, for scripts (else stdin or a prompt). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  ADMIN_PASSWORD?: string;

  /** Worker threads for document extraction and workbooks (off the api's event loop). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  OFFLOAD_THREADS?: number;

  /** Tasks that may wait for a thread; one more is answered 503 SERVER_BUSY. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  OFFLOAD_QUEUE?: number;

  /** One task's deadline, queue wait included; past it the thread is stopped (422 WORK_TIMED_OUT). */
  @IsOptional()
  @IsInt()
  @Min(100)
  OFFLOAD_TIMEOUT_MS?: number;

  /** Test only (NODE_ENV=test): a file holding the business time, so a child-process worker follows the test's clock. */
  @IsOptional()
  @IsString()
  TRACKER_CLOCK_FILE?: string;

  /** Development: `file` keeps business time in BUSINESS_CLOCK_FILE, movable through POST /api/dev/clock (refused in production). */
  @IsOptional()
  @IsIn(['system', 'file'], { message: 'BUSINESS_CLOCK must be system or file' })
  BUSINESS_CLOCK?: string;

  @IsOptional()
  @IsString()
  BUSINESS_CLOCK_FILE?: string;

  /** Evidence files (佐证材料): `local` keeps them under EVIDENCE_DIR, `s3` in an S3-compatible bucket. */
  @IsOptional()
  @IsIn(['local', 's3'], { message: 'EVIDENCE_STORAGE must be local or s3' })
  EVIDENCE_STORAGE?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  EVIDENCE_DIR?: string;

  @IsOptional()
  @IsInt()
  @Min(1_024)
  @Max(64 * 1024 * 1024)
  EVIDENCE_MAX_BYTES?: number;

  @ValidateIf((env: EnvSchema) => env.EVIDENCE_STORAGE === 's3')
  @IsString()
  @MinLength(3, { message: 'S3_BUCKET is required when EVIDENCE_STORAGE is s3' })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional()
  @IsBooleanString()
  S3_FORCE_PATH_STYLE?: string;

  /** Where a new business clock file starts, e.g. 2020-10-01T09:00:00+08:00. */
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'BUSINESS_CLOCK_START must be an ISO 8601 instant, e.g. 2020-10-01T09:00:00+08:00' },
  )
  BUSINESS_CLOCK_START?: string;
}
