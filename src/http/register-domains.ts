import type { FastifyInstance } from 'fastify'
import { privacyRoutes } from '../protocols/native/privacy-routes.js'
import type { Leadflow } from './context.js'

/**
 * The one place that plugs protocols and domains into the app: each adds its encapsulated
 * Fastify plugin (routes, content-type parsers, error handler) and the job tasks it owns.
 */
export async function registerDomains(app: FastifyInstance, lf: Leadflow): Promise<void> {
  await app.register(privacyRoutes, { lf, prefix: '/api/v1' })
}
