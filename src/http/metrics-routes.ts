import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import { PUBLIC } from '../core/accounts/permissions.js'

/** Prometheus metrics at /metrics: process metrics and a request-duration histogram per route. */
async function metrics(app: FastifyInstance) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const duration = new Histogram({
    name: 'leadflow_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  app.addHook('onResponse', async (request, reply) => {
    duration
      .labels(request.method, request.routeOptions.url ?? 'unknown', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000)
  })
  // Public like health: counters only, no lead data; bind the port privately to hide them.
  app.get('/metrics', { schema: { hide: true }, config: { permission: PUBLIC } }, async (_request, reply) => {
    reply.type(registry.contentType)
    return registry.metrics()
  })
}

/** Global (not encapsulated) so the timing hook sees every route. */
export const metricsRoutes = fp(metrics, { name: 'leadflow-metrics' })
