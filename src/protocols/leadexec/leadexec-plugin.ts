import '../credential-of.js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { publicRoutes } from '../../http/route-permission.js'
import { documentRoutes } from '../documented-routes.js'
import { guardIdempotencyKeys } from '../idempotency-key.js'
import { registerBodyParsers } from './body-parsers.js'
import { decodeBody } from './decode-body.js'
import { duplicateCheckRoute } from './duplicate-check-route.js'
import { insertRoutes } from './insert-routes.js'
import type { LeadexecContext } from './leadexec-context.js'
import { describeLeadexecRoute } from './openapi-docs.js'
import { pingRoutes } from './ping-routes.js'
import { leadexecErrorHandler } from './protocol-error.js'
import { statusRoutes } from './status-routes.js'
import { updateRoutes } from './update-routes.js'

/**
 * The LeadExec Lead Receiver API (seed 003; docs/protocols/leadexec.md) as one encapsulated
 * plugin: it owns its body parsers and error handler, and translates between LeadExec's shapes
 * and intake's neutral commands and outcomes.
 */
/** The source a post names (its `vid`), so a flood under one vid meets the per-credential limit. */
function sourceOf(request: FastifyRequest): string | undefined {
  try {
    const decoded = decodeBody(request.body, request.query)
    const vid = decoded.ok ? decoded.request.params.vid?.trim() : undefined
    return vid ? `vid:${vid}` : undefined
  } catch {
    return undefined // the route's own decoding reports the unreadable body
  }
}

export async function leadexecPlugin(app: FastifyInstance, leadexec: LeadexecContext): Promise<void> {
  const deps = leadexec.intake
  documentRoutes(app, describeLeadexecRoute)
  publicRoutes(app, 'sources authenticate with their vid/aid and password or token (intake)')
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, credentialOf: sourceOf }
  })
  registerBodyParsers(app)
  app.setErrorHandler(leadexecErrorHandler)
  guardIdempotencyKeys(app, {
    store: leadexec.idempotency,
    protocol: 'leadexec',
    credential: leadexecCredential,
    now: () => deps.clock.now(),
  })
  insertRoutes(app, leadexec, deps)
  updateRoutes(app, leadexec, deps)
  duplicateCheckRoute(app, deps)
  pingRoutes(app, leadexec, deps)
  statusRoutes(app, leadexec, deps)
}

/**
 * The source's credential material, for the Idempotency-Key scope: vid and password from the
 * body or query, or the bearer token (seed 003, "Authentication").
 */
function leadexecCredential(request: FastifyRequest): string {
  const decoded = decodeBody(request.body, request.query)
  const params = decoded.ok ? decoded.request.params : {}
  return `${params.vid ?? ''}\n${params.password ?? ''}\n${request.headers.authorization ?? ''}`
}
