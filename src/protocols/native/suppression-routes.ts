import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type AuditContext, auditContextOf } from '../../core/accounts/caller.js'
import { LeadflowError } from '../../core/errors.js'
import { SUPPRESSION_KINDS } from '../../core/intake/suppression-candidates.js'
import type { SuppressionLists } from '../../core/suppression/suppression-lists.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ADMIN_SECURITY } from './admin-key.js'

export interface SuppressionRoutesOptions {
  suppression: SuppressionLists
}

const TAGS = ['suppression']
const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const

const createSchema = {
  tags: TAGS,
  summary: 'Create a suppression list (email, phone, ip or postal_code; global or for one lead type)',
  security: ADMIN_SECURITY,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'kind'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      kind: { type: 'string', enum: [...SUPPRESSION_KINDS] },
      lid: { type: ['integer', 'null'], minimum: 1 },
    },
  },
} as const

const entriesSchema = {
  tags: TAGS,
  summary:
    'Add (POST) or remove (DELETE) entries: JSON { values: [...] }, or a text/CSV body, one value a line',
  security: ADMIN_SECURITY,
  params: idParams,
} as const

/**
 * Suppression lists through the native API (docs/protocols/leadexec.md, "Suppression lists"):
 * a lead carrying a listed email, phone, IP or postal code is refused with Outside_Criteria
 * naming the list. Entries are stored normalized by the same field parsers intake uses.
 */
export async function suppressionRoutes(
  app: FastifyInstance,
  { suppression }: SuppressionRoutesOptions,
): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.addHook('preValidation', stripNulFromRequest)
  r.addContentTypeParser(['text/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body))

  r.get(
    '/suppression-lists',
    { config: { permission: 'suppression:read' }, schema: { tags: TAGS, security: ADMIN_SECURITY } },
    async () => ({
      lists: await suppression.list(),
    }),
  )

  r.post(
    '/suppression-lists',
    { config: { permission: 'suppression:write' }, schema: createSchema },
    async (request, reply) => reply.status(201).send(await suppression.create(request.body, audit(request))),
  )

  r.get(
    '/suppression-lists/:id',
    {
      config: { permission: 'suppression:read' },
      schema: { tags: TAGS, security: ADMIN_SECURITY, params: idParams },
    },
    async (request) => suppression.get(request.params.id),
  )

  r.delete(
    '/suppression-lists/:id',
    {
      config: { permission: 'suppression:write' },
      schema: { tags: TAGS, security: ADMIN_SECURITY, params: idParams },
    },
    async (request, reply) => {
      await suppression.remove(request.params.id, audit(request))
      return reply.status(204).send()
    },
  )

  r.post(
    '/suppression-lists/:id/entries',
    { config: { permission: 'suppression:write' }, schema: entriesSchema },
    async (request) => suppression.addEntries(request.params.id, readValues(request), audit(request)),
  )

  r.delete(
    '/suppression-lists/:id/entries',
    { config: { permission: 'suppression:write' }, schema: entriesSchema },
    async (request) => suppression.removeEntries(request.params.id, readValues(request), audit(request)),
  )
}

const audit = (request: FastifyRequest): AuditContext =>
  auditContextOf(request.caller ?? undefined, request.ip)

/** JSON `{ values: [...] }`, or text/CSV: one value a line, the first column of each row. */
function readValues(request: FastifyRequest): string[] {
  const body = request.body
  if (typeof body === 'string') {
    return body
      .split(/\r?\n/)
      .map((line) => (line.split(',')[0] ?? '').trim().replace(/^"(.*)"$/, '$1'))
      .filter((v) => v !== '')
  }
  const values = (body as { values?: unknown } | undefined)?.values
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    throw new LeadflowError(
      'LF_VALIDATION',
      'Send { "values": ["…"] } as JSON, or text/csv with one value a line',
    )
  }
  return values as string[]
}
