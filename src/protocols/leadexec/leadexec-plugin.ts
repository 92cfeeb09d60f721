import type { FastifyInstance } from 'fastify'
import { publicRoutes } from '../../http/route-permission.js'
import { registerBodyParsers } from './body-parsers.js'
import { duplicateCheckRoute } from './duplicate-check-route.js'
import { insertRoutes } from './insert-routes.js'
import type { LeadexecContext } from './leadexec-context.js'
import { pingRoutes } from './ping-routes.js'
import { leadexecErrorHandler } from './protocol-error.js'
import { statusRoutes } from './status-routes.js'
import { updateRoutes } from './update-routes.js'

/**
 * The LeadExec Lead Receiver API (seed 003; docs/protocols/leadexec.md) as one encapsulated
 * plugin: it owns its body parsers and error handler, and translates between LeadExec's shapes
 * and intake's neutral commands and outcomes.
 */
export async function leadexecPlugin(app: FastifyInstance, leadexec: LeadexecContext): Promise<void> {
  const deps = leadexec.intake
  publicRoutes(app, 'sources authenticate with their vid/aid and password or token (intake)')
  // Vendor routes are documented in docs/protocols/leadexec.md, not in the native API's OpenAPI.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true }
  })
  registerBodyParsers(app)
  app.setErrorHandler(leadexecErrorHandler)
  insertRoutes(app, leadexec, deps)
  updateRoutes(app, leadexec, deps)
  duplicateCheckRoute(app, deps)
  pingRoutes(app, leadexec, deps)
  statusRoutes(app, leadexec, deps)
}
