import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import pino from 'pino'
import type { JobQueue } from '../../src/core/jobs/job-queue.js'
import { Worker } from '../../src/jobs/worker.js'
import type { StorageDialect } from '../../src/storage/dialects/dialect.js'
import { openPostgres } from '../../src/storage/dialects/postgres.js'
import { createJobQueue, enqueueJobs } from '../../src/storage/job-store.js'
import { JOBS_CHANNEL } from '../../src/storage/migrations/011-job-notify.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

const clock = { now: () => new Date() }
const log = pino({ level: 'silent' })
/** Far longer than any deadline below: only a notification can explain a pickup. */
const POLL_MS = 3_600_000
const DEADLINE_MS = 15_000

interface NotifyPayloads {
  'notify.ping': { n: number }
}

/**
 * LISTEN/NOTIFY (issue #11): two workers, each with its own pool, over one PostgreSQL database,
 * as two nodes would be. A job enqueued through node A's connection is run by idle node B, whose
 * poll interval is an hour, so only the notification delivered at A's commit can wake it. The
 * listening connection is killed once; it comes back by itself and the next job still starts.
 * No timing is asserted beyond a generous deadline.
 */
const kinds = (await dialectsUnderTest()).filter((k) => k === 'postgres')
for (const kind of kinds) {
  describe(`job notifications across nodes [${kind}]`, () => {
    let t: TestStorage
    let nodeB: StorageDialect
    before(async () => {
      t = await openTestStorage(kind)
      nodeB = openPostgres(t.url, 3)
    })
    after(async () => {
      await nodeB.close()
      await t.drop()
    })

    test('a job enqueued on node A starts on idle node B without a poll; after a dropped listener too', async () => {
      const ran: number[] = []
      let claims = 0
      const queue = createJobQueue<NotifyPayloads>(nodeB)
      const counted: JobQueue<NotifyPayloads> = {
        ...queue,
        claim: async (...args) => {
          const claimed = await queue.claim(...args)
          claims++
          return claimed
        },
      }
      const worker = new Worker<NotifyPayloads>(counted, clock, log, {
        concurrency: 2,
        pollIntervalMs: POLL_MS,
      })
      worker.handle({ 'notify.ping': async ({ n }) => void ran.push(n) })
      await worker.start()
      try {
        // Idle: the start-up claim is done and the listening connection is open.
        await waitFor(async () => claims >= 1 && (await listenerPids(t.storage)).length === 1)
        await enqueueOnNodeA(t.storage, 1)
        await waitFor(async () => ran.includes(1))

        const [pid] = await listenerPids(t.storage)
        await sql`select pg_terminate_backend(${pid})`.execute(t.storage.db)
        await waitFor(async () => {
          const pids = await listenerPids(t.storage)
          return pids.length === 1 && pids[0] !== pid
        })
        // Listening again: a job enqueued now is announced to the new connection.
        await enqueueOnNodeA(t.storage, 2)
        await waitFor(async () => ran.includes(2))
        assert.deepEqual(ran, [1, 2])
      } finally {
        await worker.stop()
      }
      assert.equal((await listenerPids(t.storage)).length, 0, 'stop closes the listening connection')
    })
  })
}

/** Enqueues in a transaction of node A's pool, as intake does (the notification leaves at commit). */
async function enqueueOnNodeA(storage: StorageDialect, n: number) {
  await storage.db
    .transaction()
    .execute((trx) => enqueueJobs<NotifyPayloads>(trx, [{ task: 'notify.ping', payload: { n } }], new Date()))
}

async function listenerPids(storage: StorageDialect): Promise<number[]> {
  const listen = `listen "${JOBS_CHANNEL}"`
  const result = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database() and query = ${listen}`.execute(
    storage.db,
  )
  return result.rows.map((r) => r.pid)
}

async function waitFor(check: () => Promise<boolean>) {
  const end = Date.now() + DEADLINE_MS
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached within the deadline')
    await sleep(25)
  }
}
