import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/**
 * One info line per answered request: method, the route's pattern (`/api/v1/leads/:id`, never the
 * raw URL, so no query string — CAKE and Comunik8 carry keys there — and no ids of people), status
 * and duration. Bodies and headers are never logged (DESIGN.md, Security and data). Fastify's own
 * request logging stays off: it logs the raw URL.
 */
export function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    )
  })
}
