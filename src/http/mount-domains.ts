import type { FastifyInstance } from 'fastify'
import type { Services } from '../app/services.js'
import { cakeRoutes } from '../protocols/cake/cake-routes.js'
import { comunik8Routes } from '../protocols/comunik8/comunik8-routes.js'
import { leadconduitRoutes } from '../protocols/leadconduit/feedback-routes.js'
import { leadexecPlugin } from '../protocols/leadexec/leadexec-plugin.js'
import { accountsRoutes } from '../protocols/native/accounts-routes.js'
import { creditRoutes } from '../protocols/native/credit-routes.js'
import { diallerRoutes } from '../protocols/native/dialler-routes.js'
import { distributionRoutes } from '../protocols/native/distribution-routes.js'
import { ledgerRoutes } from '../protocols/native/ledger-routes.js'
import { nativePlugin } from '../protocols/native/native-plugin.js'
import { periodsRoutes } from '../protocols/native/periods-routes.js'
import { portalRoutes } from '../protocols/native/portal-routes.js'
import { privacyRoutes } from '../protocols/native/privacy-routes.js'
import { reasonsRoutes } from '../protocols/native/reasons-routes.js'
import { redistributionRoutes } from '../protocols/native/redistribution-routes.js'
import { registryImportRoutes } from '../protocols/native/registry-import-routes.js'
import { reportsRoutes } from '../protocols/native/reports-routes.js'
import { returnsRoutes } from '../protocols/native/returns-routes.js'
import { statementsRoutes } from '../protocols/native/statements-routes.js'
import { suppressionRoutes } from '../protocols/native/suppression-routes.js'
import { webhooksRoutes } from '../protocols/native/webhooks-routes.js'
import { sandboxRoutes } from '../protocols/sandbox/sandbox-routes.js'
import { consoleRoutes } from './console-routes.js'

/**
 * The one list of protocols and domains the app serves: each is an encapsulated Fastify plugin
 * (routes, content-type parsers, error handler) given the services it uses.
 */
export async function mountDomains(app: FastifyInstance, services: Services): Promise<void> {
  const { ops, clock, idempotency } = services
  const { keys, feedback, callQueue } = ops
  // Vendor protocols, each owning its parsers and error shapes.
  await app.register(leadexecPlugin, {
    intake: services.intake,
    leadStatus: ops.leadStatus,
    publicUrl: services.config.publicUrl,
    nudge: () => services.worker.nudge(),
    idempotency,
  })
  await app.register(leadconduitRoutes, { keys, feedback, idempotency, clock })
  await app.register(cakeRoutes, { keys, feedback, reasons: ops.reasons, idempotency, clock })
  await app.register(comunik8Routes, { keys, callQueue, clock, idempotency })
  // The sandbox stores whatever is posted to it: a demo tool, off in production unless asked for.
  if (services.config.demo || services.config.security.sandboxRoutes)
    await app.register(sandboxRoutes, { sandbox: ops.sandbox, publicUrl: services.config.publicUrl })

  // The native admin API under /api/v1 (docs/api.md), in the order /docs lists it.
  const prefix = '/api/v1'
  await app.register(nativePlugin, { admin: services.admin, prefix })
  await app.register(accountsRoutes, { accounts: services.accounts, prefix })
  await app.register(distributionRoutes, {
    qc: ops.qc,
    contracts: ops.contracts,
    engine: services.distribution,
    prefix,
  })
  await app.register(privacyRoutes, { admin: services.admin, prefix })
  await app.register(returnsRoutes, { feedback, returns: ops.returns, prefix, idempotency, clock })
  await app.register(reasonsRoutes, { admin: services.admin, prefix })
  await app.register(diallerRoutes, { dialler: ops.dialler, callQueue, clock, prefix })
  await app.register(suppressionRoutes, { suppression: ops.suppression, prefix })
  await app.register(registryImportRoutes, { registryImport: services.lifecycle.registryImport, prefix })
  await app.register(redistributionRoutes, { redistribution: services.lifecycle.redistribution, prefix })
  await app.register(reportsRoutes, { money: services.money, prefix })
  await app.register(ledgerRoutes, { money: services.money, prefix })
  await app.register(creditRoutes, { money: services.money, prefix })
  await app.register(periodsRoutes, { money: services.money, prefix })
  await app.register(statementsRoutes, { money: services.money, prefix })
  await app.register(webhooksRoutes, {
    webhooks: services.notify.webhooks,
    nudge: () => services.worker.nudge(),
    prefix,
  })
  await app.register(portalRoutes, { portal: services.portal, nudge: () => services.worker.nudge(), prefix })
  await app.register(consoleRoutes, {})
}
