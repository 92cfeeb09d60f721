import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import pino, { type Logger } from 'pino'
import type { Config } from '../config.js'
import { noDistribution } from '../core/distribution/distributor.js'
import { type Clock, type HttpClient, systemClock } from '../core/ports.js'
import { Worker } from '../jobs/worker.js'
import { createHttpClient } from '../outbound/undici-http-client.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import type { Leadflow } from './context.js'
import { jsonErrorHandler } from './error-handler.js'
import { healthRoutes } from './health-routes.js'
import { guardedJsonParser } from './json-depth.js'
import { metricsRoutes } from './metrics-routes.js'
import { registerDomains } from './register-domains.js'

export interface AppDeps {
  storage: StorageDialect
  clock?: Clock
  http?: HttpClient
  logger?: Logger
}

/**
 * Builds the whole HTTP application and its worker; never listens (server.ts does). Lead bodies
 * are not logged: pino logs request method, url and status only (DESIGN.md, Security and data).
 */
export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const log = deps.logger ?? pino({ level: config.logLevel })
  const clock = deps.clock ?? systemClock
  const http = deps.http ?? createHttpClient({ allow: config.outboundAllow })
  const worker = new Worker(deps.storage, clock, log.child({ component: 'worker' }), {
    concurrency: Math.max(config.workers, 1),
  })
  const lf: Leadflow = {
    config,
    storage: deps.storage,
    db: deps.storage.db,
    clock,
    http,
    log,
    worker,
    distributor: noDistribution,
  }

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  })
  app.decorate('leadflow', lf)
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
  await app.register(healthRoutes, { lf })
  await registerDomains(app, lf)
  app.addHook('onClose', async () => {
    await worker.stop()
  })
  return app
}
