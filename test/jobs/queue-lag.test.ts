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
 * Backpressure on async intake (Worker.caughtUp, docs/performance.md rounds 4 and 6): while the
 * jobs of the last claim waited longer than the allowed lag, a caller waits — until a claim shows
 * the queue caught up, or until its own bound; while the queue is backlogged, callers come in one
 * per job claimed. Order and outcome only: the slow job waits on a promise the
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

    test('while the queue is backlogged, callers are admitted one per job claimed, in order', async () => {
      type Paced = { 'lag.paced': { id: number } }
      const gates: Array<() => void> = []
      const worker = new Worker<Paced>(createJobQueue(t.storage), clock, log, {
        concurrency: 1,
        pollIntervalMs: 50,
        admitAhead: 2,
      })
      worker.handle({
        'lag.paced': () =>
          new Promise<void>((resolve) => {
            gates.push(resolve)
          }),
      })
      await enqueueJobs<Paced>(
        t.storage.db,
        [1, 2, 3].map((id) => ({ task: 'lag.paced' as const, payload: { id } })),
        new Date(),
      )
      await worker.start()
      try {
        await waitFor(async () => gates.length === 1)
        // The start claim took one job of three (it asked for one): room grew by one, to its bound.
        const callers = [0, 1, 2, 3].map(() => worker.caughtUp(60_000, 60_000))
        assert.equal(await settledWithin(callers[1]!, 0), true, 'room for two')
        assert.equal(await settledWithin(callers[2]!, 300), false, 'the third waits for a claim')
        gates.shift()?.()
        await waitFor(async () => gates.length === 1)
        assert.equal(await settledWithin(callers[2]!, 30_000), true, 'a claim of one job admits one')
        assert.equal(await settledWithin(callers[3]!, 300), false, 'and only one')
        gates.shift()?.()
        await waitFor(async () => gates.length === 1)
        gates.shift()?.()
        assert.equal(await settledWithin(callers[3]!, 30_000), true, 'the next claim admits the next caller')
      } finally {
        for (const open of gates) open()
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
