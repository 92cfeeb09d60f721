import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { LeadflowError } from '../../core/errors.js'
import { getLeadDetail } from '../../storage/lead-detail.js'
import { type LeadFilter, listLeads } from '../../storage/lead-listing.js'
import { GET_LEAD, LIST_LEADS } from './lead-schemas.js'
import { found } from './route-errors.js'

type ListQuery = LeadFilter & { limit: number; cursor?: string }

/** Leads for admins; personal data is returned whole (DESIGN.md, Security: admins see all leads). */
export async function leadsRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  app.get<{ Querystring: ListQuery }>('/leads', { schema: LIST_LEADS }, async (request) => {
    const { limit, cursor, from, to, ...rest } = request.query
    // Times are compared as ISO text (schema.ts), so inputs are brought to the stored form.
    const filter: LeadFilter = { ...rest, from: iso('from', from), to: iso('to', to) }
    return listLeads(lf.db, filter, limit, cursor)
  })

  app.get<{ Params: { id: number } }>('/leads/:id', { schema: GET_LEAD }, async (request) =>
    found(await getLeadDetail(lf.db, request.params.id), `lead with id ${request.params.id}`),
  )
}

function iso(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const time = Date.parse(value)
  if (Number.isNaN(time)) {
    const message = `must be an ISO-8601 time or date, got ${JSON.stringify(value)}`
    throw new LeadflowError('LF_VALIDATION', `${name}: ${message}`, [{ path: name, message }])
  }
  return new Date(time).toISOString()
}
