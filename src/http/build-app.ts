import cookie from '@fastify/cookie'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RouteOptions,
} from 'fastify'
import type { Services } from '../app/services.js'
import type { Config } from '../config.js'
import { PUBLIC } from '../core/accounts/permissions.js'
import { authorize } from './authorize.js'
import { jsonErrorHandler, retryAfterOn503 } from './error-handler.js'
import { healthRoutes } from './health-routes.js'
import { guardedJsonParser } from './json-depth.js'
import { metricsRoutes } from './metrics-routes.js'
import { mountDomains } from './mount-domains.js'
import { registerRateLimits } from './rate-limits.js'
import { logRequests } from './request-log.js'

/**
 * Mounts every plugin on a new Fastify instance, each given only the services it uses; builds
 * nothing and never listens (server.ts does). Lead bodies are not logged: each request logs
 * method, route pattern, status and duration only (request-log.ts; DESIGN.md, Security and data).
 */
export async function buildApp(
  config: Config,
  services: Services,
  observe: { onRoute?: (route: RouteOptions) => void } = {},
): Promise<FastifyInstance> {
  const { trustProxy } = config.security
  const app = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Off by default: behind no proxy, X-Forwarded-For is whatever the client wrote (issue 12).
    trustProxy: typeof trustProxy === 'boolean' ? trustProxy : [...trustProxy],
    // A whole request, body included, within requestTimeout: slow-body connections are dropped.
    requestTimeout: config.security.requestTimeoutMs,
    connectionTimeout: config.security.connectionTimeoutMs,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  })
  // Tests enumerate every route the app registers (test/http/route-permissions.test.ts).
  if (observe.onRoute) app.addHook('onRoute', observe.onRoute)
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, guardedJsonParser(app))
  app.setErrorHandler(jsonErrorHandler)
  app.addHook('onSend', retryAfterOn503)
  logRequests(app)
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'LF_NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        details: null,
      },
    }),
  )

  // Abuse limits count every request, a wrong key included, before anything checks it.
  await registerRateLimits(app, config, services.security.rateCounter)
  // Who may call what: one onRequest hook for every route, before any body is read (docs/accounts.md).
  await app.register(cookie)
  app.decorateRequest('caller', null)
  app.addHook('onRequest', authorize(services.accounts.callers))
  // The OpenAPI document and its UI describe the API; they are public, like the vendors' own docs.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, permission: PUBLIC }
  })

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'leadflow API',
        version: '1.0.0',
        description:
          'The native admin API under /api/v1 (docs/api.md) and the vendor protocols leadflow speaks (docs/protocols/)',
      },
      tags: [
        { name: 'LeadExec', description: 'Lead Receiver API: post, ping, update, duplicate check, status' },
        { name: 'LeadConduit', description: 'Buyer feedback: returns and conversions' },
        {
          name: 'CAKE',
          description: 'ReturnLead and the reason lists (ASMX: GET, form, SOAP 1.1/1.2, ?WSDL)',
        },
        { name: 'Comunik8', description: 'Dialler Leads API: add and cancel' },
      ],
      components: {
        securitySchemes: {
          admin: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'lf_session' },
        },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(metricsRoutes)
  await app.register(healthRoutes, { readiness: services.readiness })
  await mountDomains(app, services)
  return app
}
