import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { LeadflowError } from '../../core/errors.js'
import { purgeConsumer } from '../../storage/purge-consumer.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ADMIN_SECURITY, requireAdmin } from './admin-auth.js'

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

export async function privacyRoutes(app: FastifyInstance, { lf }: PluginOptions) {
  app.addHook('preHandler', requireAdmin(lf))
  app.addHook('preValidation', stripNulFromRequest)
  app.post<{ Body: { email?: string; phone?: string } }>(
    '/privacy/purge',
    { schema: purgeSchema },
    async (request) => {
      const { email, phone } = request.body ?? {}
      if (!email && !phone) throw new LeadflowError('LF_VALIDATION', 'Give an email or a phone to purge')
      const result = await purgeConsumer(lf.db, { email, phone }, lf.clock.now())
      request.log.info({ leads: result.leads.length, calls: result.calls }, 'consumer data purged')
      return result
    },
  )
}
