import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import type { ClaimedJob } from '../../src/core/jobs/job-queue.js'
import { Worker } from '../../src/jobs/worker.js'
import { claimJobs, completeJobs, createJobQueue, enqueueJobs } from '../../src/storage/job-store.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

const clock = { now: () => new Date() }

for (const kind of await dialectsUnderTest()) {
  describe(`job queue [${kind}]`, () => {
    let t: TestStorage
    before(async () => {
      t = await openTestStorage(kind)
    })
    after(() => t.drop())

    test('20 concurrent claimers never take the same job', async () => {
      await enqueueJobs(
        t.storage.db,
        Array.from({ length: 100 }, (_, i) => ({ task: 'race', payload: { i } })),
        new Date(),
      )
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, w) => claimJobs(t.storage, `w${w}`, 10, new Date(), 60_000, ['race'])),
      )
      const ids = claims.flat().map((j) => j.id)
      assert.equal(new Set(ids).size, ids.length)
      assert.equal(ids.length, 100)
    })

    test('20 concurrent claimers of one job each share out 20 jobs exactly', async () => {
      await enqueueJobs(
        t.storage.db,
        Array.from({ length: 20 }, (_, i) => ({ task: 'one-each', payload: { i } })),
        new Date(),
      )
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, w) =>
          claimJobs(t.storage, `w${w}`, 1, new Date(), 60_000, ['one-each']),
        ),
      )
      const ids = claims.flat().map((j) => j.id)
      assert.ok(claims.every((c) => c.length <= 1))
      assert.equal(new Set(ids).size, ids.length)
      // On PostgreSQL SKIP LOCKED may let a claimer come back empty while others hold locks;
      // what must hold is no over-claim and no duplicate, and every job claimed after a retry.
      const rest = await claimJobs(t.storage, 'sweeper', 20, new Date(), 60_000, ['one-each'])
      assert.equal(ids.length + rest.length, 20)
    })

    test('a keyed job is enqueued once', async () => {
      const now = new Date()
      await enqueueJobs(t.storage.db, [{ task: 'k', payload: {}, options: { key: 'same' } }], now)
      await enqueueJobs(t.storage.db, [{ task: 'k', payload: {}, options: { key: 'same' } }], now)
      const rows = await t.storage.db.selectFrom('jobs').selectAll().where('task', '=', 'k').execute()
      assert.equal(rows.length, 1)
    })

    test('the worker runs, retries a failing job, and completes it', async () => {
      let calls = 0
      const worker = new Worker<{ flaky: object }>(
        createJobQueue(t.storage),
        clock,
        pino({ level: 'silent' }),
        {
          concurrency: 2,
          retryScheduleMs: [0],
        },
      ).handle({
        flaky: async () => {
          calls++
          if (calls < 3) throw 'not yet' // a non-Error throw must not kill the worker
        },
      })
      await enqueueJobs(t.storage.db, [{ task: 'flaky', payload: {} }], new Date())
      await worker.drain()
      assert.equal(calls, 3)
      const job = await t.storage.db
        .selectFrom('jobs')
        .selectAll()
        .where('task', '=', 'flaky')
        .executeTakeFirstOrThrow()
      assert.equal(job.status, 'done')
      assert.equal(job.attempts, 3)
    })

    test('a follow-up a handler names runs next on the same worker, ahead of older jobs', async () => {
      type Chain = { 'chain.first': object; 'chain.next': { n: number }; 'chain.older': object }
      const ran: string[] = []
      const worker = new Worker<Chain>(createJobQueue(t.storage), clock, pino({ level: 'silent' }), {
        concurrency: 1,
      }).handle({
        'chain.first': async () => {
          ran.push('first')
          // Stored by the handler, as intake.process stores the returnurl callback with the outcome.
          await enqueueJobs<Chain>(
            t.storage.db,
            [{ task: 'chain.next', payload: { n: 1 }, options: { key: 'chain-next:1' } }],
            new Date(),
          )
          return { next: ['chain-next:1', 'chain-next:absent'] }
        },
        'chain.next': async () => {
          ran.push('next')
        },
        'chain.older': async () => {
          ran.push('older')
        },
      })
      const earlier = new Date(Date.now() - 1000)
      await enqueueJobs<Chain>(
        t.storage.db,
        [{ task: 'chain.first', payload: {} }],
        new Date(earlier.getTime() - 1),
      )
      await enqueueJobs<Chain>(
        t.storage.db,
        [{ task: 'chain.older', payload: {}, options: { runAt: earlier } }],
        new Date(),
      )
      await worker.drain()
      assert.deepEqual(ran, ['first', 'next', 'older'])
      const next = await t.storage.db
        .selectFrom('jobs')
        .selectAll()
        .where('task', '=', 'chain.next')
        .executeTakeFirstOrThrow()
      assert.equal(next.status, 'done')
      assert.equal(next.attempts, 1)
    })

    test('a keyed claim takes only a job still queued: never one another worker holds', async () => {
      const now = new Date()
      await enqueueJobs(t.storage.db, [{ task: 'keyed-claim', payload: {}, options: { key: 'kc:1' } }], now)
      const queue = createJobQueue(t.storage)
      const [taken] = await claimJobs(t.storage, 'other', 1, now, 60_000, ['keyed-claim'])
      assert.ok(taken)
      assert.deepEqual(await queue.claimKeyed('me', ['kc:1'], now, ['keyed-claim']), [])
      await enqueueJobs(t.storage.db, [{ task: 'keyed-claim', payload: {}, options: { key: 'kc:2' } }], now)
      assert.deepEqual(
        await queue.claimKeyed('me', ['kc:2'], now, ['other-task']),
        [],
        'only tasks it handles',
      )
      const claims = await Promise.all(
        Array.from({ length: 5 }, (_, w) => queue.claimKeyed(`w${w}`, ['kc:2'], now, ['keyed-claim'])),
      )
      assert.equal(claims.flat().length, 1, 'of concurrent keyed claims, one takes the job')
      assert.equal(claims.flat()[0]?.locked_by?.startsWith('w'), true)
    })

    test('a job that keeps failing stops at max_attempts with its last error', async () => {
      const worker = new Worker<{ doomed: object }>(
        createJobQueue(t.storage),
        clock,
        pino({ level: 'silent' }),
        {
          concurrency: 1,
          retryScheduleMs: [0],
        },
      ).handle({
        doomed: async () => {
          throw new Error('buyer down')
        },
      })
      await enqueueJobs(
        t.storage.db,
        [{ task: 'doomed', payload: {}, options: { maxAttempts: 2 } }],
        new Date(),
      )
      await worker.drain()
      const job = await t.storage.db
        .selectFrom('jobs')
        .selectAll()
        .where('task', '=', 'doomed')
        .executeTakeFirstOrThrow()
      assert.equal(job.status, 'failed')
      assert.equal(job.attempts, 2)
      assert.match(job.last_error ?? '', /buyer down/)
    })

    test('a job is not run before run_at', async () => {
      const future = new Date(Date.now() + 60_000)
      await enqueueJobs(
        t.storage.db,
        [{ task: 'later', payload: {}, options: { runAt: future } }],
        new Date(),
      )
      const claimed = await claimJobs(t.storage, 'w', 10, new Date(), 60_000, ['later'])
      assert.equal(claimed.length, 0)
      const due = await claimJobs(t.storage, 'w', 10, new Date(future.getTime() + 1), 60_000, ['later'])
      assert.equal(due.length, 1)
    })

    test('one claim takes lapsed leases first, then due jobs oldest first, never past its limit', async () => {
      const start = new Date()
      const at = (s: number) => new Date(start.getTime() + s * 1000)
      await enqueueJobs(
        t.storage.db,
        [0, 1, 2, 3].map((s) => ({ task: 'mixed', payload: { s }, options: { runAt: at(s) } })),
        start,
      )
      // A dead worker holds the two oldest; their 10-s lease lapses while the others come due.
      const dead = await claimJobs(t.storage, 'dead', 2, at(1), 10_000, ['mixed'])
      // Which jobs, not in what order: UPDATE … RETURNING promises no row order on PostgreSQL.
      assert.deepEqual(dead.map((j) => JSON.parse(j.payload_json).s).sort(), [0, 1])
      const first = await claimJobs(t.storage, 'alive', 3, at(20), 10_000, ['mixed'])
      assert.equal(first.length, 3)
      const payloads = first.map((j) => JSON.parse(j.payload_json).s as number)
      assert.deepEqual(payloads.slice(0, 2).sort(), [0, 1])
      assert.equal(payloads[2], 2)
      assert.ok(first.every((j) => j.locked_by === 'alive'))
      const rest = await claimJobs(t.storage, 'alive', 3, at(20), 10_000, ['mixed'])
      assert.deepEqual(
        rest.map((j) => JSON.parse(j.payload_json).s),
        [3],
      )
    })

    test('a batch of completions never completes a job whose lock moved to another worker', async () => {
      await enqueueJobs(
        t.storage.db,
        Array.from({ length: 3 }, (_, i) => ({ task: 'batch-moved', payload: { i } })),
        new Date(),
      )
      let release!: () => void
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let started = 0
      type Moved = { 'batch-moved': { i: number } }
      const queue = createJobQueue<Moved>(t.storage)
      const batches: Array<{ ids: number[]; completed: number }> = []
      const counting = {
        ...queue,
        complete: async (jobs: readonly ClaimedJob[], now: Date) => {
          const completed = await queue.complete(jobs, now)
          batches.push({ ids: jobs.map((j) => j.id), completed })
          return completed
        },
      }
      const worker = new Worker<Moved>(counting, clock, pino({ level: 'silent' }), {
        concurrency: 3,
        pollIntervalMs: 10,
      })
      worker.handle({
        'batch-moved': async () => {
          started++
          await gate
        },
      })
      await worker.start()
      let intruder: ClaimedJob | undefined
      try {
        while (started < 3) await new Promise((resolve) => setTimeout(resolve, 5))
        // As if the worker's lease had lapsed: another worker claims one of its three jobs.
        const later = new Date(Date.now() + 10 * 60_000)
        ;[intruder] = await claimJobs(t.storage, 'intruder', 1, later, 30_000, ['batch-moved'])
        assert.ok(intruder, 'the intruder took over one running job')
      } finally {
        release()
        await worker.stop()
      }
      // The three handlers finished in the same turn: one statement for the three, two rows marked.
      assert.deepEqual(
        batches.map((b) => [b.ids.length, b.completed]),
        [[3, 2]],
      )
      const rows = await t.storage.db
        .selectFrom('jobs')
        .select(['id', 'status', 'locked_by'])
        .where('task', '=', 'batch-moved')
        .orderBy('id')
        .execute()
      for (const row of rows) {
        if (row.id === intruder.id) assert.deepEqual([row.status, row.locked_by], ['running', 'intruder'])
        else assert.deepEqual([row.status, row.locked_by], ['done', null])
      }
      // The store alone: the old owner's batch for the intruder's job marks nothing.
      assert.equal(
        await completeJobs(t.storage.db, [{ ...intruder, locked_by: 'worker-gone' }], new Date()),
        0,
      )
      assert.equal(await completeJobs(t.storage.db, [intruder], new Date()), 1)
    })
  })
}
