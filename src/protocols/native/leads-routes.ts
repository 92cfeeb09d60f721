import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { GET_LEAD, LIST_LEADS } from './lead-schemas.js'
import type { NativeOptions } from './native-admin.js'

/** Leads for admins; personal data is returned whole (DESIGN.md, Security: admins see all leads). */
export async function leadsRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { leads } = admin

  r.get('/leads', { config: { permission: 'leads:read' }, schema: LIST_LEADS }, (request) =>
    leads.list(request.query),
  )

  r.get('/leads/:id', { config: { permission: 'leads:read' }, schema: GET_LEAD }, (request) =>
    leads.get(request.params.id),
  )
}
