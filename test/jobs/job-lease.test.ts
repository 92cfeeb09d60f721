import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import { Worker } from '../../src/jobs/worker.js'
import { claimJobs, createJobQueue, enqueueJobs } from '../../src/storage/job-store.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

const clock = { now: () => new Date() }
const log = pino({ level: 'silent' })
const LEASE_MS = 1500

interface LeasePayloads {
  'lease.slow': { id: number }
}

/**
 * Leases with heartbeat (issue #11): a job running longer than its lease keeps it (the worker
 * renews it every third of the lease), so no other worker runs it at the same time; a job whose
 * worker died is claimed again once the lease has lapsed. No timing is asserted beyond "after the
 * lease": the slow job waits on a promise the test releases, not on a clock.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`job leases [${kind}]`, () => {
    let t: TestStorage
    before(async () => {
      t = await openTestStorage(kind)
    })
    after(() => t.drop())

    test('a running job keeps its lease past the lease time; nobody else claims it', async () => {
      let release!: () => void
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let runs = 0
      const queue = createJobQueue<LeasePayloads>(t.storage)
      const worker = new Worker<LeasePayloads>(queue, clock, log, { concurrency: 1, leaseMs: LEASE_MS })
      worker.handle({
        'lease.slow': async () => {
          runs++
          await gate
        },
      })
      await enqueueJobs<LeasePayloads>(t.storage.db, [{ task: 'lease.slow', payload: { id: 1 } }], new Date())
      await worker.start()
      try {
        await waitFor(async () => runs === 1)
        // Three lease periods: without the heartbeat the job would be claimable after the first.
        for (let i = 0; i < 6; i++) {
          await sleep(LEASE_MS / 2)
          const stolen = await claimJobs(t.storage, 'intruder', 10, new Date(), LEASE_MS, ['lease.slow'])
          assert.equal(stolen.length, 0, 'a job whose worker is alive is never claimed twice')
        }
      } finally {
        release()
        await worker.stop()
      }
      const row = await t.storage.db
        .selectFrom('jobs')
        .select(['status', 'attempts'])
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'done')
      assert.equal(Number(row.attempts), 1)
      assert.equal(runs, 1)
    })

    test("a dead worker's job is claimed by another once its lease lapsed, and finished there", async () => {
      await enqueueJobs<LeasePayloads>(t.storage.db, [{ task: 'lease.slow', payload: { id: 2 } }], new Date())
      // A worker that claims and then dies: nothing renews its lease.
      const [claimed] = await claimJobs(t.storage, 'dead-node', 1, new Date(), LEASE_MS, ['lease.slow'])
      assert.ok(claimed)
      assert.equal(
        (await claimJobs(t.storage, 'other', 1, new Date(), LEASE_MS, ['lease.slow'])).length,
        0,
        'not before the lease lapsed',
      )
      let runs = 0
      const worker = new Worker<LeasePayloads>(createJobQueue(t.storage), clock, log, {
        concurrency: 1,
        leaseMs: LEASE_MS,
        pollIntervalMs: 50,
      })
      worker.handle({
        'lease.slow': async () => {
          runs++
        },
      })
      await worker.start()
      try {
        await waitFor(async () => {
          const row = await t.storage.db
            .selectFrom('jobs')
            .select('status')
            .where('id', '=', claimed.id)
            .executeTakeFirstOrThrow()
          return row.status === 'done'
        })
      } finally {
        await worker.stop()
      }
      assert.equal(runs, 1)
      // The dead worker, were it to come back, can no longer complete or renew it.
      assert.equal(await createJobQueue(t.storage).extend('dead-node', [claimed.id], new Date()), 0)
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached')
    await sleep(25)
  }
}
