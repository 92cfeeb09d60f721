import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import type { Services } from '../app/services.js'
import type { Config } from '../config.js'
import { jsonErrorHandler } from './error-handler.js'
import { healthRoutes } from './health-routes.js'
import { guardedJsonParser } from './json-depth.js'
import { metricsRoutes } from './metrics-routes.js'
import { mountDomains } from './mount-domains.js'
import { registerRateLimits } from './rate-limits.js'

/**
 * Mounts every plugin on a new Fastify instance, each given only the services it uses; builds
 * nothing and never listens (server.ts does). Lead bodies are not logged: pino logs request
 * method, url and status only (DESIGN.md, Security and data).
 */
export async function buildApp(config: Config, services: Services): Promise<FastifyInstance> {
  const { trustProxy } = config.security
  const app = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Off by default: behind no proxy, X-Forwarded-For is whatever the client wrote (issue 12).
    trustProxy: typeof trustProxy === 'boolean' ? trustProxy : [...trustProxy],
    // A whole request, body included, within requestTimeout: slow-body connections are dropped.
    requestTimeout: config.security.requestTimeoutMs,
    connectionTimeout: config.security.connectionTimeoutMs,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  })
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, guardedJsonParser(app))
  app.setErrorHandler(jsonErrorHandler)
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'LF_NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        details: null,
      },
    }),
  )

  await registerRateLimits(app, config, services.security.rateCounter)
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'leadflow native API',
        version: '1.0.0',
        description: 'Admin and integration API (docs/api.md)',
      },
      components: { securitySchemes: { admin: { type: 'http', scheme: 'bearer' } } },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(metricsRoutes)
  await app.register(healthRoutes, { readiness: services.readiness })
  await mountDomains(app, services)
  return app
}
