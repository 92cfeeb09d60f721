import pino, { type Logger } from 'pino'
import type { Config } from '../config.js'
import { createComplianceGate } from '../core/compliance/compliance-gate.js'
import { withCompliance } from '../core/compliance/with-compliance.js'
import { createDistributor } from '../core/distribution/create-distributor.js'
import { createDeliverer } from '../core/distribution/deliverer.js'
import type { DistributionDeps } from '../core/distribution/distribution-run.js'
import type { IntakeDeps } from '../core/intake/intake-deps.js'
import { type Clock, type HttpClient, systemClock } from '../core/ports.js'
import { createPasswordVerifier } from '../core/secrets.js'
import { Worker } from '../jobs/worker.js'
import { createComplianceProviders } from '../outbound/compliance/compliance-providers.js'
import { createSmtpMailer } from '../outbound/smtp-mailer.js'
import { createHttpClient } from '../outbound/undici-http-client.js'
import { createComplianceStore } from '../storage/compliance-store.js'
import { openDelivery } from '../storage/contract-secrets.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { createDistributionStore } from '../storage/distribution-store.js'
import { createIdempotencyStore } from '../storage/idempotency-store.js'
import { createIntakeStore } from '../storage/intake-store.js'
import { createJobQueue } from '../storage/job-store.js'
import { createLeadCallQueue } from '../storage/lead-call-queue.js'
import { createReadiness } from '../storage/readiness.js'
import { createSealer } from '../storage/secret-seal.js'
import { createAccountsServices } from './accounts-services.js'
import { createAdminServices } from './admin-services.js'
import { createLifecycleServices } from './lifecycle-services.js'
import { createMoneyServices } from './money-services.js'
import { createNotifyServices } from './notify-services.js'
import { createOperationsServices } from './operations-services.js'
import { createPortalServices } from './portal-services.js'
import { registerTasks } from './register-tasks.js'
import { resolveSecretKey } from './secret-key.js'
import { createSecurityServices } from './security-services.js'
import type { Services } from './services.js'

/**
 * An Idempotency-Key still `running` after this long belonged to a request whose process died
 * (no request runs 5 minutes: seller timeouts are ~30 s); a retry may run it again.
 */
const ABANDONED_REQUEST_MS = 5 * 60_000

export interface ServiceDeps {
  /** An open, migrated database (src/storage/open-storage.ts). */
  storage: StorageDialect
  clock?: Clock
  http?: HttpClient & { close?(): Promise<void> }
  logger?: Logger
  /** The key sealing contract credentials; openServices resolves it (src/app/secret-key.ts). */
  secretKey?: Buffer
}

/**
 * The composition root: builds the outbound client, the job worker and every domain service
 * exactly once, over one storage. main.ts, the CLI and the tests call it; buildApp only mounts.
 */
export function createServices(config: Config, deps: ServiceDeps): Services {
  const { storage } = deps
  const log = deps.logger ?? pino({ level: config.logLevel })
  const clock = deps.clock ?? systemClock
  const http = deps.http ?? createHttpClient({ allow: config.outboundAllow })
  const sealer = createSealer(deps.secretKey ?? resolveSecretKey(config, storage.name))
  const worker = new Worker(createJobQueue(storage), clock, log.child({ component: 'worker' }), {
    concurrency: Math.max(config.workers, 1),
    leaseMs: config.jobLeaseMs,
  })
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : undefined
  const deliverer = createDeliverer(http, config.publicUrl, (delivery) => openDelivery(delivery, sealer))
  const notify = createNotifyServices(storage, clock, {
    mailer,
    disable: { failures: config.webhookDisableFailures, afterMs: config.webhookDisableHours * 3_600_000 },
  })
  const distributionDeps: DistributionDeps = {
    store: createDistributionStore(storage.db, clock, storage.writes),
    deliverer,
    clock,
    callQueue: createLeadCallQueue(storage, clock),
    mailer,
    announces: (type) => notify.subscriptions.wants(type),
  }
  // Every distribution passes the compliance gate first (docs/compliance.md).
  const gate = createComplianceGate({
    store: createComplianceStore(storage.db, clock),
    providers: createComplianceProviders(config.compliance, http, clock),
    clock,
  })
  const distribution = withCompliance(createDistributor(distributionDeps), gate)
  const lifecycle = createLifecycleServices(storage, clock, { gate, distribution: distributionDeps })
  const intake: IntakeDeps = {
    store: createIntakeStore(storage, clock),
    distributor: distribution,
    clock,
    verifyPassword: createPasswordVerifier({
      concurrency: config.security.passwordChecks,
      maxWaiting: config.security.passwordCheckQueue,
    }),
    limits: { maxFields: config.security.maxLeadFields, maxBytes: config.security.maxLeadBytes },
    onRefusal: (refusal) => log.info({ component: 'intake', ...refusal }, 'source credentials refused'),
    announces: (type) => notify.subscriptions.wants(type),
    ...(config.asyncMaxQueueLagMs > 0
      ? { queueRoom: () => worker.caughtUp(config.asyncMaxQueueLagMs, config.asyncMaxWaitMs) }
      : {}),
  }
  const accounts = createAccountsServices(storage.db, clock, { publicUrl: config.publicUrl, mailer })
  const admin = createAdminServices(storage.db, clock, sealer, deliverer, accounts.users)
  const idempotency = createIdempotencyStore(storage.db, {
    retentionMs: config.idempotencyRetentionHours * 3_600_000,
    abandonedAfterMs: ABANDONED_REQUEST_MS,
  })
  const ops = createOperationsServices(storage, clock, distribution)
  const money = createMoneyServices(storage, clock)
  const services: Services = {
    config,
    clock,
    log,
    worker,
    distribution,
    intake,
    readiness: createReadiness(storage),
    idempotency,
    admin,
    ops,
    money,
    portal: createPortalServices(storage, clock, { money, ops, publicUrl: config.publicUrl }),
    accounts,
    security: createSecurityServices(storage, clock),
    notify,
    lifecycle,
    async close() {
      await worker.stop()
      await http.close?.()
      mailer?.close()
      await storage.close()
    },
  }
  registerTasks(worker, {
    config,
    storage,
    clock,
    http,
    intake,
    distribution,
    idempotency,
    notify,
    lifecycle,
  })
  return services
}
