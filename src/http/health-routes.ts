import type { FastifyInstance } from 'fastify'
import type { Readiness } from '../core/readiness.js'
import { publicRoutes } from './route-permission.js'

export async function healthRoutes(app: FastifyInstance, { readiness }: { readiness: Readiness }) {
  publicRoutes(app, 'load balancers and orchestrators probe these without credentials')
  const hide = { schema: { hide: true } }
  app.get('/healthz', hide, async () => ({ status: 'ok' }))
  app.get('/readyz', hide, async (_request, reply) => {
    const state = await readiness.check()
    if (state.ready) return { status: 'ready', database: state.database }
    return reply.status(503).send({ status: 'not ready', reason: state.reason })
  })
}
