import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Leadflow, PluginOptions } from '../../app/leadflow.js'
import { LeadflowError } from '../../core/errors.js'
import { normalizeSuppressionValue } from '../../core/intake/normalize-suppression-value.js'
import { SUPPRESSION_KINDS, type SuppressionKind } from '../../core/intake/suppression-candidates.js'
import {
  addSuppressionEntries,
  listSuppressionLists,
  removeSuppressionEntries,
} from '../../storage/suppression-store.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ADMIN_SECURITY, requireAdmin } from './admin-auth.js'

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
export async function suppressionRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  // onRequest, before the body is read: a stranger cannot make the server parse a bulk upload.
  app.addHook('onRequest', requireAdmin(lf))
  app.addHook('preValidation', stripNulFromRequest)
  app.addContentTypeParser(['text/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body))

  app.get('/suppression-lists', { schema: { tags: TAGS, security: ADMIN_SECURITY } }, async () => ({
    lists: await listSuppressionLists(lf.db),
  }))

  app.post<{ Body: { name: string; kind: SuppressionKind; lid?: number | null } }>(
    '/suppression-lists',
    { schema: createSchema },
    async (request, reply) => reply.status(201).send(await createList(lf, request.body)),
  )

  app.get<{ Params: { id: number } }>(
    '/suppression-lists/:id',
    { schema: { tags: TAGS, security: ADMIN_SECURITY, params: idParams } },
    async (request) => findList(lf, request.params.id),
  )

  app.delete<{ Params: { id: number } }>(
    '/suppression-lists/:id',
    { schema: { tags: TAGS, security: ADMIN_SECURITY, params: idParams } },
    async (request, reply) => {
      await findList(lf, request.params.id)
      await lf.db.deleteFrom('suppression_entries').where('list_id', '=', request.params.id).execute()
      await lf.db.deleteFrom('suppression_lists').where('id', '=', request.params.id).execute()
      return reply.status(204).send()
    },
  )

  app.post<{ Params: { id: number } }>(
    '/suppression-lists/:id/entries',
    { schema: entriesSchema },
    async (request) => {
      const list = await findList(lf, request.params.id)
      const { valid, invalid } = normalizeAll(
        list.kind as SuppressionKind,
        readValues(request),
        lf.clock.now(),
      )
      const added = await addSuppressionEntries(lf.db, list.id, valid, lf.clock.now())
      return { added, alreadyListed: new Set(valid).size - added, invalid }
    },
  )

  app.delete<{ Params: { id: number } }>(
    '/suppression-lists/:id/entries',
    { schema: entriesSchema },
    async (request) => {
      const list = await findList(lf, request.params.id)
      const { valid, invalid } = normalizeAll(
        list.kind as SuppressionKind,
        readValues(request),
        lf.clock.now(),
      )
      return { removed: await removeSuppressionEntries(lf.db, list.id, valid), invalid }
    },
  )
}

async function createList(lf: Leadflow, body: { name: string; kind: SuppressionKind; lid?: number | null }) {
  let leadTypeId: number | null = null
  if (body.lid) {
    const type = await lf.db
      .selectFrom('lead_types')
      .select('id')
      .where('lid', '=', body.lid)
      .executeTakeFirst()
    if (!type) throw new LeadflowError('LF_VALIDATION', `Lead type lid ${body.lid} does not exist`)
    leadTypeId = type.id
  }
  const taken = await lf.db
    .selectFrom('suppression_lists')
    .select('id')
    .where('name', '=', body.name)
    .executeTakeFirst()
  if (taken) throw new LeadflowError('LF_CONFLICT', `A suppression list named "${body.name}" exists`)
  const row = await lf.db
    .insertInto('suppression_lists')
    .values({
      name: body.name,
      kind: body.kind,
      lead_type_id: leadTypeId,
      created_at: lf.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return findList(lf, row.id)
}

async function findList(lf: Leadflow, id: number) {
  const [list] = await listSuppressionLists(lf.db, id)
  if (!list) throw new LeadflowError('LF_NOT_FOUND', `No suppression list ${id}`)
  return list
}

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

/** A CSV header line ("email") is not a valid value and lands in `invalid`, which is harmless. */
function normalizeAll(kind: SuppressionKind, values: string[], now: Date) {
  const valid: string[] = []
  const invalid: string[] = []
  for (const value of values) {
    const normal = normalizeSuppressionValue(kind, value, now)
    if (normal) valid.push(normal)
    else invalid.push(value)
  }
  return { valid, invalid }
}
