import type { Kysely } from 'kysely'
import type { QueuedPing, StoredPing } from '../core/intake/intake-store.js'
import type { Clock, JobSpec } from '../core/ports.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'

/** Queued async pings (migration 004): saved with their job, answered once. */
export function createPingRequestStore(db: Kysely<Database>, clock: Clock) {
  return {
    saveQueuedPing: (ping: QueuedPing, jobs: JobSpec[]) =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ping_requests')
          .values({
            id: ping.id,
            source_id: ping.sourceId,
            lead_type_id: ping.leadTypeId,
            status: 'queued',
            request_json: JSON.stringify(ping.request),
            return_url: ping.returnUrl,
            created_at: ping.createdAt,
          })
          .execute()
        await enqueueJobs(trx, jobs, clock.now())
      }),

    async loadPing(id: string): Promise<StoredPing | undefined> {
      const row = await db.selectFrom('ping_requests').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) return undefined
      return {
        id: row.id,
        sourceId: row.source_id,
        leadTypeId: row.lead_type_id,
        request: JSON.parse(row.request_json),
        returnUrl: row.return_url,
        createdAt: row.created_at,
        status: row.status,
        response: row.response_json ? JSON.parse(row.response_json) : null,
      }
    },

    /** `status = 'queued'` in the WHERE makes the first finisher the only one that enqueues the callback. */
    finishPing: (id: string, response: unknown, jobs: JobSpec[]) =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const result = await trx
          .updateTable('ping_requests')
          .set({ status: 'done', response_json: JSON.stringify(response), processed_at: now.toISOString() })
          .where('id', '=', id)
          .where('status', '=', 'queued')
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) === 0) return false
        await enqueueJobs(trx, jobs, now)
        return true
      }),
  }
}
