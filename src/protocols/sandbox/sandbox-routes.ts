import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { SandboxInbox } from '../../app/operations-services.js'
import { parseXml } from '../../core/delivery/xml.js'
import { publicRoutes } from '../../http/route-permission.js'
import { ADMIN_SECURITY } from '../native/admin-key.js'
import { sandboxAnswer } from './sandbox-rules.js'

export interface SandboxRoutesOptions {
  sandbox: SandboxInbox
  publicUrl: string
}

const NAME = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' } as const

/** Any body a contract may send (JSON, form, XML, query string) as one flat object. */
function bodyObject(body: unknown, query: unknown): Record<string, unknown> {
  const fromQuery = (query ?? {}) as Record<string, unknown>
  if (typeof body === 'string') {
    const xml = parseXml(body)
    if (xml) return { ...fromQuery, ...flattenXml(xml) }
    return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(body)) }
  }
  return { ...fromQuery, ...((body ?? {}) as Record<string, unknown>) }
}

/** `<lead><Email>…</Email></lead>` (or inside a SOAP body) → `{ Email: … }`: the innermost record. */
function flattenXml(doc: Record<string, unknown>): Record<string, unknown> {
  let cur: unknown = doc
  for (;;) {
    const entries = Object.entries(cur as Record<string, unknown>).filter(
      ([k]) => !k.startsWith('?') && !k.startsWith('@'),
    )
    const objects = entries.filter(([, v]) => v !== null && typeof v === 'object')
    if (entries.length !== 1 || objects.length !== 1) return Object.fromEntries(entries)
    cur = objects[0]?.[1]
  }
}

/**
 * Built-in sandbox buyers served by leadflow itself: POST /sandbox/:name/ping and /post answer by
 * the rules in sandbox-rules.ts and keep every request in sandbox_inbox, readable by an admin at
 * GET /api/v1/sandbox/:name/inbox.
 */
export async function sandboxRoutes(app: FastifyInstance, { sandbox, publicUrl }: SandboxRoutesOptions) {
  publicRoutes(app, 'sandbox buyers stand in for a buyer endpoint, which has no leadflow credentials')
  for (const type of ['application/x-www-form-urlencoded', 'application/xml', 'text/xml']) {
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, { parseAs: 'string' }, (_r, body, done) => done(null, body))
  }

  for (const kind of ['ping', 'post'] as const) {
    app.post<{ Params: { name: string } }>(
      `/sandbox/:name/${kind}`,
      { schema: { hide: true, params: { type: 'object', properties: { name: NAME } } } },
      async (request, reply) => {
        const { name } = request.params
        const body = bodyObject(request.body, request.query)
        const answer = sandboxAnswer(name, kind, body, {
          leadId: `${name}-${randomBytes(5).toString('hex')}`,
          welcomeUrl: `${publicUrl}/sandbox/${name}/welcome`,
        })
        const headers = {
          eventId: request.headers['x-leadflow-event-id'] ?? null,
          idempotencyKey: request.headers['idempotency-key'] ?? null,
          contentType: request.headers['content-type'] ?? null,
        }
        await sandbox.record({ sandbox: name, kind, request: { headers, body }, response: answer })
        return reply.status(answer.status).send(answer.body)
      },
    )
  }

  app.get<{ Params: { name: string } }>(
    '/sandbox/:name/welcome',
    { schema: { hide: true, params: { type: 'object', properties: { name: NAME } } } },
    async (request, reply) =>
      reply.type('text/plain').send(`Welcome from sandbox buyer ${request.params.name}`),
  )

  app.get<{ Params: { name: string }; Querystring: { limit?: number } }>(
    '/api/v1/sandbox/:name/inbox',
    {
      config: { permission: 'sandbox:read' },
      schema: {
        tags: ['sandbox'],
        summary: 'Requests a sandbox buyer received, newest first',
        security: ADMIN_SECURITY,
        params: { type: 'object', properties: { name: NAME } },
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500 } } },
      },
    },
    async (request) => ({
      items: await sandbox.list(request.params.name, request.query.limit ?? 100),
    }),
  )
}
