import { resolve } from 'node:path'

/**
 * Settings are read once, here, from the environment (see docs/configuration.md).
 * A bad value stops the start with a message naming the variable.
 */
export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  /** postgres://… selects PostgreSQL; absent selects SQLite at `${dataDir}/leadflow.db`. */
  readonly databaseUrl: string | undefined
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Public base URL used in StatusURL answers; defaults to http://HOST:PORT. */
  readonly publicUrl: string
  /** Demo mode creates the demo world and the fixed `demo-admin-key`. */
  readonly demo: boolean
  /** Admin key given by the operator (LEADFLOW_ADMIN_KEY); otherwise generated once and printed. */
  readonly adminKey: string | undefined
  /** Largest accepted request body, bytes. */
  readonly bodyLimit: number
  /** Hosts/CIDRs that outbound calls (returnurl, buyer endpoints) may reach although private. */
  readonly outboundAllow: readonly string[]
  /** Number of job workers in this process (0 disables workers, e.g. for an API-only node). */
  readonly workers: number
  /** Hours a finished job (done or failed) is kept before `jobs.prune` deletes it. */
  readonly jobRetentionHours: number
  /** PostgreSQL `statement_timeout`, ms (0: none); a statement over it answers 503 LF_DATABASE_UNAVAILABLE. */
  readonly pgStatementTimeoutMs: number
  /** PostgreSQL connections per process. */
  readonly pgPoolSize: number
  /** A claimed job's lease, ms: extended by its worker while it runs; a dead node's jobs are claimed again after it. */
  readonly jobLeaseMs: number
  /** Async posts wait while the job queue lags more than this (0: never); docs/performance.md, round 4. */
  readonly asyncMaxQueueLagMs: number
  /** The longest an async post waits for the queue to catch up before it is stored anyway. */
  readonly asyncMaxWaitMs: number
  /** Hours an Idempotency-Key's stored answer is replayed before the key may be used again. */
  readonly idempotencyRetentionHours: number
  /** Path of a leadflow.yaml applied at start when present. */
  readonly configFile: string
  /** smtp(s)://user:pass@host:port for invitation and reset emails; unset: the CLI prints links. */
  readonly smtpUrl: string | undefined
  /** The From of those emails. */
  readonly mailFrom: string
  /** Hard edges (docs/security.md): abuse limits, timeouts, lead caps, production mode, secrets. */
  readonly security: SecuritySettings
  /** A webhook endpoint is disabled after this many failed attempts in a row… */
  readonly webhookDisableFailures: number
  /** …when the first of them is at least this many hours old (docs/webhooks.md, "Disabling"). */
  readonly webhookDisableHours: number
  /** Compliance providers (docs/compliance.md); a provider without credentials is not called. */
  readonly compliance: ComplianceSettings
  /** Minutes between re-distribution sweeps (docs/distribution.md, "Re-distribution"). */
  readonly redistributionSweepMinutes: number
}

export interface ComplianceSettings {
  readonly timeoutMs: number
  readonly trustedform: { readonly url: string; readonly apiKey: string | undefined }
  readonly jornaya: {
    readonly url: string
    readonly lac: string | undefined
    readonly lak: string | undefined
    readonly lpc: string | undefined
  }
  readonly scrub: {
    readonly url: string
    readonly username: string | undefined
    readonly password: string | undefined
  }
}

export interface SecuritySettings {
  /** Requests per minute from one client address; 0 turns the limit off. */
  readonly rateLimitPerIp: number
  /** Requests per minute under one credential (source vid, API key, partner key); 0 turns it off. */
  readonly rateLimitPerCredential: number
  /** Source password checks (scrypt) running at once, and how many more may wait. */
  readonly passwordChecks: number
  readonly passwordCheckQueue: number
  /** ms to receive a whole request, headers and body (slow-body connections are dropped). */
  readonly requestTimeoutMs: number
  /** ms a connection may stay idle before it is closed. */
  readonly connectionTimeoutMs: number
  /** Most fields one lead may carry, and most bytes its stored fields may take. */
  readonly maxLeadFields: number
  readonly maxLeadBytes: number
  /** Serve /sandbox/* outside demo mode. */
  readonly sandboxRoutes: boolean
  /** Fastify trustProxy: false, true, or the proxies' addresses/CIDRs. */
  readonly trustProxy: boolean | readonly string[]
  /** 32-byte key (base64 or hex) sealing contract credentials; generated into the data dir when unset. */
  readonly secretKey: string | undefined
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Env = Record<string, string | undefined>

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  }
  return n
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false
  throw new ConfigError(`${name} must be true or false, got "${raw}"`)
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL
  if (raw === undefined || raw === '') return undefined
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${raw}"`)
  }
  return raw
}

function logLevel(env: Env): Config['logLevel'] {
  const raw = env.LOG_LEVEL ?? 'info'
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`)
  }
  return raw as Config['logLevel']
}

function smtpUrl(env: Env): string | undefined {
  const raw = env.LEADFLOW_SMTP_URL
  if (raw === undefined || raw === '') return undefined
  if (!/^smtps?:\/\//.test(raw))
    throw new ConfigError(
      `LEADFLOW_SMTP_URL must start with smtp:// or smtps://, got "${raw.replace(/\/\/.*@/, '//…@')}"`,
    )
  return raw
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function trustProxy(env: Env): boolean | string[] {
  const raw = env.LEADFLOW_TRUST_PROXY ?? ''
  if (/^(|0|false|no|off)$/i.test(raw)) return false
  if (/^(1|true|yes|on)$/i.test(raw)) return true
  return list(env, 'LEADFLOW_TRUST_PROXY')
}

function securitySettings(env: Env, demo: boolean): SecuritySettings {
  return {
    // 1,000 a second: above what one node serves one source (docs/performance.md: ~1,300 posts/s
    // in total), far below a scripted guessing run. Operators size them to their traffic.
    rateLimitPerIp: int(env, 'LEADFLOW_RATE_LIMIT_IP', 60_000, 0, 10_000_000),
    rateLimitPerCredential: int(env, 'LEADFLOW_RATE_LIMIT_CREDENTIAL', 60_000, 0, 10_000_000),
    // Two of libuv's four threads: DNS lookups and file I/O keep the other two under a flood.
    passwordChecks: int(env, 'LEADFLOW_PASSWORD_CHECKS', 2, 1, 64),
    passwordCheckQueue: int(env, 'LEADFLOW_PASSWORD_CHECK_QUEUE', 256, 0, 100_000),
    requestTimeoutMs: int(env, 'LEADFLOW_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    connectionTimeoutMs: int(env, 'LEADFLOW_CONNECTION_TIMEOUT_MS', 60_000, 1000, 3_600_000),
    maxLeadFields: int(env, 'LEADFLOW_MAX_LEAD_FIELDS', 200, 1, 10_000),
    maxLeadBytes: int(env, 'LEADFLOW_MAX_LEAD_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
    sandboxRoutes: bool(env, 'LEADFLOW_SANDBOX_ROUTES', demo),
    trustProxy: trustProxy(env),
    secretKey: env.LEADFLOW_SECRET_KEY || undefined,
  }
}

function complianceSettings(env: Env): ComplianceSettings {
  const url = (name: string, fallback: string) => {
    const raw = env[name] || fallback
    if (!/^https?:\/\/\S+$/i.test(raw)) throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`)
    return raw.replace(/\/$/, '')
  }
  return {
    timeoutMs: int(env, 'LEADFLOW_COMPLIANCE_TIMEOUT_MS', 5_000, 100, 120_000),
    trustedform: {
      url: url('LEADFLOW_TRUSTEDFORM_URL', 'https://cert.trustedform.com'),
      apiKey: env.LEADFLOW_TRUSTEDFORM_API_KEY || undefined,
    },
    jornaya: {
      url: url('LEADFLOW_JORNAYA_URL', 'https://api.leadid.com'),
      lac: env.LEADFLOW_JORNAYA_LAC || undefined,
      lak: env.LEADFLOW_JORNAYA_LAK || undefined,
      lpc: env.LEADFLOW_JORNAYA_LPC || undefined,
    },
    scrub: {
      url: url('LEADFLOW_SCRUB_URL', 'https://api.tcpalitigatorlist.com'),
      username: env.LEADFLOW_SCRUB_USER || undefined,
      password: env.LEADFLOW_SCRUB_PASSWORD || undefined,
    },
  }
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env, 'PORT', 8080, 0, 65535)
  const host = env.HOST || '0.0.0.0'
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  const demo = overrides.demo ?? bool(env, 'LEADFLOW_DEMO', false)
  const config: Config = {
    port,
    host,
    dataDir: resolve(env.LEADFLOW_DATA_DIR || './data'),
    databaseUrl: databaseUrl(env),
    logLevel: logLevel(env),
    publicUrl: (env.LEADFLOW_PUBLIC_URL || `http://${shownHost}:${port}`).replace(/\/$/, ''),
    demo: bool(env, 'LEADFLOW_DEMO', false),
    adminKey: env.LEADFLOW_ADMIN_KEY || undefined,
    bodyLimit: int(env, 'LEADFLOW_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    outboundAllow: (env.LEADFLOW_OUTBOUND_ALLOW ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    // Jobs mostly wait on buyers and callback receivers over HTTP, so concurrency, not CPU, bounds
    // the async drain rate: 4 drained ~134 leads/s in bench scenario 4 (docs/performance.md).
    workers: int(env, 'LEADFLOW_WORKERS', 16, 0, 256),
    // A week of finished jobs is enough to debug a callback or a retry; older rows only slow claims.
    jobRetentionHours: int(env, 'LEADFLOW_JOB_RETENTION_HOURS', 168, 1, 24 * 365 * 10),
    // Longer than any intake transaction (ms) and shorter than a seller's HTTP timeout (~30 s).
    pgStatementTimeoutMs: int(env, 'LEADFLOW_PG_STATEMENT_TIMEOUT_MS', 15_000, 0, 3_600_000),
    pgPoolSize: int(env, 'LEADFLOW_PG_POOL_SIZE', 10, 1, 1000),
    // A running job renews its lease every third of it, so a live node never loses one; a dead
    // node's jobs are taken over within this time (docs/reliability.md, "Leases").
    jobLeaseMs: int(env, 'LEADFLOW_JOB_LEASE_MS', 30_000, 1_000, 3_600_000),
    asyncMaxQueueLagMs: int(env, 'LEADFLOW_ASYNC_MAX_QUEUE_LAG_MS', 250, 0, 3_600_000),
    asyncMaxWaitMs: int(env, 'LEADFLOW_ASYNC_MAX_WAIT_MS', 2_000, 0, 60_000),
    // A day covers every seller's retry policy we know of (Stripe keeps keys 24 h).
    idempotencyRetentionHours: int(env, 'LEADFLOW_IDEMPOTENCY_RETENTION_HOURS', 24, 1, 24 * 365),
    configFile: resolve(env.LEADFLOW_CONFIG || './leadflow.yaml'),
    smtpUrl: smtpUrl(env),
    mailFrom: env.LEADFLOW_MAIL_FROM || 'leadflow <leadflow@localhost>',
    security: securitySettings(env, demo),
    // Svix disables after five days of failure; a day of failing every attempt (~20 with the job
    // schedule's hourly tail) is long enough to be no blip and short enough to stop the noise.
    webhookDisableFailures: int(env, 'LEADFLOW_WEBHOOK_DISABLE_FAILURES', 20, 1, 1_000_000),
    webhookDisableHours: int(env, 'LEADFLOW_WEBHOOK_DISABLE_HOURS', 24, 0, 24 * 365),
    compliance: complianceSettings(env),
    redistributionSweepMinutes: int(env, 'LEADFLOW_REDISTRIBUTION_SWEEP_MINUTES', 5, 1, 24 * 60),
    ...overrides,
  }
  return Object.freeze(config)
}
