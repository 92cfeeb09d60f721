import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ADMIN_SECURITY } from './admin-key.js'
import type { NativeOptions } from './native-admin.js'

const purgeSchema = {
  tags: ['privacy'],
  summary: "Erase a consumer's personal data (leads, events, dialler calls), keeping ids and money",
  security: ADMIN_SECURITY,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { email: { type: 'string', maxLength: 320 }, phone: { type: 'string', maxLength: 40 } },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        leads: { type: 'array', items: { type: 'integer' } },
        calls: { type: 'integer' },
        other: { type: 'integer' },
      },
    },
  },
} as const

/** Consumer data erasure (docs/api.md, "Privacy"). */
export async function privacyRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  app.addHook('preValidation', stripNulFromRequest)
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.post(
    '/privacy/purge',
    { config: { permission: 'privacy:purge' }, schema: purgeSchema },
    async (request) => {
      const result = await admin.privacy.purge(
        request.body ?? {},
        auditContextOf(request.caller ?? undefined, request.ip),
      )
      request.log.info({ leads: result.leads.length, calls: result.calls }, 'consumer data purged')
      return result
    },
  )
}
