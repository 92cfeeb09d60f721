import type { FastifyInstance } from 'fastify'
import type { Services } from '../app/services.js'
import { cakeRoutes } from '../protocols/cake/cake-routes.js'
import { comunik8Routes } from '../protocols/comunik8/comunik8-routes.js'
import { leadconduitRoutes } from '../protocols/leadconduit/feedback-routes.js'
import { leadexecPlugin } from '../protocols/leadexec/leadexec-plugin.js'
import { diallerRoutes } from '../protocols/native/dialler-routes.js'
import { distributionRoutes } from '../protocols/native/distribution-routes.js'
import { nativePlugin } from '../protocols/native/native-plugin.js'
import { privacyRoutes } from '../protocols/native/privacy-routes.js'
import { reasonsRoutes } from '../protocols/native/reasons-routes.js'
import { returnsRoutes } from '../protocols/native/returns-routes.js'
import { suppressionRoutes } from '../protocols/native/suppression-routes.js'
import { sandboxRoutes } from '../protocols/sandbox/sandbox-routes.js'
import { consoleRoutes } from './console-routes.js'

/**
 * The one list of protocols and domains the app serves: each is an encapsulated Fastify plugin
 * (routes, content-type parsers, error handler) given the services it uses.
 */
export async function mountDomains(app: FastifyInstance, services: Services): Promise<void> {
  const lf = services.legacy
  // Vendor protocols, each owning its parsers and error shapes.
  await app.register(leadexecPlugin, { lf, intake: services.intake })
  await app.register(leadconduitRoutes, { lf })
  await app.register(cakeRoutes, { lf })
  await app.register(comunik8Routes, { lf })
  await app.register(sandboxRoutes, { lf })

  // The native admin API under /api/v1 (docs/api.md), in the order /docs lists it. Files moved to
  // use-cases get the admin services; the others still get the legacy bag.
  const admin = { admin: services.admin, prefix: '/api/v1' }
  const legacy = { lf, prefix: '/api/v1' }
  await app.register(nativePlugin, admin)
  await app.register(distributionRoutes, legacy)
  await app.register(privacyRoutes, admin)
  await app.register(returnsRoutes, legacy)
  await app.register(reasonsRoutes, admin)
  await app.register(diallerRoutes, legacy)
  await app.register(suppressionRoutes, legacy)
  await app.register(consoleRoutes, {})
}
