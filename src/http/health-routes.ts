import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { migrationsApplied } from '../storage/migrate.js'
import type { PluginOptions } from './context.js'

export async function healthRoutes(app: FastifyInstance, { lf }: PluginOptions) {
  const hide = { schema: { hide: true } }
  app.get('/healthz', hide, async () => ({ status: 'ok' }))
  app.get('/readyz', hide, async (_request, reply) => {
    try {
      await sql`select 1`.execute(lf.db)
      if (!(await migrationsApplied(lf.storage))) {
        return reply.status(503).send({ status: 'not ready', reason: 'migrations not applied' })
      }
      return { status: 'ready', database: lf.storage.name }
    } catch (error) {
      return reply.status(503).send({ status: 'not ready', reason: (error as Error).message })
    }
  })
}
