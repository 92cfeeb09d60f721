import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import { Worker } from '../../src/jobs/worker.js'
import { createJobQueue, enqueueJobs } from '../../src/storage/job-store.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

const clock = { now: () => new Date() }
const log = pino({ level: 'silent' })

interface LagPayloads {
  'lag.slow': { id: number }
}

/**
 * Backpressure on async intake (Worker.caughtUp, docs/performance.md round 4): while the jobs of
 * the last claim waited longer than the allowed lag, a caller waits — until a claim shows the queue
 * caught up, or until its own bound. Order and outcome only: the slow job waits on a promise the
 * test releases, never on a clock.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`queue lag [${kind}]`, () => {
    let t: TestStorage
    before(async () => {
      t = await openTestStorage(kind)
    })
    after(() => t.drop())

    test('a caller waits while the queue lags and goes on once a claim finds it caught up', async () => {
      let release!: () => void
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let started = false
      const worker = new Worker<LagPayloads>(createJobQueue(t.storage), clock, log, {
        concurrency: 1,
        pollIntervalMs: 50,
      })
      worker.handle({
        'lag.slow': async () => {
          started = true
          await gate
        },
      })
      assert.equal(
        await settledWithin(worker.caughtUp(1000, 60_000), 0),
        true,
        'a stopped worker holds nobody',
      )
      // Due a minute ago: when the worker claims it, it has waited a minute past its run_at.
      const runAt = new Date(Date.now() - 60_000)
      await enqueueJobs<LagPayloads>(
        t.storage.db,
        [{ task: 'lag.slow', payload: { id: 1 }, options: { runAt } }],
        new Date(),
      )
      await worker.start()
      try {
        await waitFor(async () => started)
        const waiting = worker.caughtUp(1000, 60_000)
        assert.equal(await settledWithin(waiting, 300), false, 'still lagging: the caller waits')
        assert.equal(
          await settledWithin(worker.caughtUp(1000, 50), 30_000),
          true,
          'its own bound ends a wait',
        )
        release()
        assert.equal(await settledWithin(waiting, 30_000), true, 'an empty claim shows the queue caught up')
        assert.equal(await settledWithin(worker.caughtUp(1000, 60_000), 0), true)
      } finally {
        release()
        await worker.stop()
      }
    })
  })
}

/** Whether `promise` settles within `ms` (0: by the next turn of the event loop). */
async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  const settled = await Promise.race([promise.then(() => true), late])
  clearTimeout(timer)
  return settled
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('condition not met in time')
}
