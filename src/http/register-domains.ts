import type { FastifyInstance } from 'fastify'
import type { Leadflow } from './context.js'

/**
 * The one place that plugs protocols and domains into the app: each adds its encapsulated
 * Fastify plugin (routes, content-type parsers, error handler) and the job tasks it owns.
 */
export async function registerDomains(app: FastifyInstance, lf: Leadflow): Promise<void> {
  void app
  void lf
}
