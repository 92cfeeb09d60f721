import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import type { EventRecord } from '../../src/core/events/event-record.js'
import { Worker } from '../../src/jobs/worker.js'
import { attemptOutbound } from '../../src/outbound/attempt.js'
import { createHttpClient } from '../../src/outbound/undici-http-client.js'
import { insertEvents } from '../../src/storage/event-store.js'
import { createJobQueue, enqueueJobs } from '../../src/storage/job-store.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

/** A real receiver that answers 503 with the Retry-After named by the query (`?after=…`). */
async function startBusyReceiver() {
  const server: Server = createServer((req, res) => {
    const after = new URL(req.url ?? '/', 'http://x').searchParams.get('after')
    if (after) res.setHeader('retry-after', after)
    res.statusCode = 503
    res.end('busy')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

interface Tasks {
  notify: { after: string }
}

const now = new Date('2026-11-23T10:00:00Z')
const clock = { now: () => now }

for (const kind of await dialectsUnderTest()) {
  describe(`a receiver's Retry-After sets the job's next run [${kind}]`, () => {
    let t: TestStorage
    let receiver: Awaited<ReturnType<typeof startBusyReceiver>>
    let worker: Worker<Tasks>
    const http = createHttpClient({ allow: ['127.0.0.1'] })
    before(async () => {
      t = await openTestStorage(kind)
      receiver = await startBusyReceiver()
      const deps = {
        http,
        clock,
        recordEvents: (events: readonly EventRecord[]) => insertEvents(t.storage.db, events),
      }
      worker = new Worker<Tasks>(createJobQueue(t.storage), clock, pino({ level: 'silent' }), {
        concurrency: 1,
      }).handle({
        notify: async ({ after }, job) => {
          const query = after ? `?after=${encodeURIComponent(after)}` : ''
          await attemptOutbound(deps, {
            request: { method: 'POST', url: `${receiver.url}/cb${query}`, body: '{}', timeoutMs: 5_000 },
            label: 'receiver',
            event: { leadId: null, sourceId: null, step: `notify:${after}`, attempt: job.attempts },
          })
        },
      })
    })
    after(async () => {
      await receiver.close()
      await http.close()
      await t.drop()
    })

    /** Runs one failing attempt and returns the delay until the job's next run. */
    async function delayAfter(after: string): Promise<number> {
      const key = `notify:${after}`
      await enqueueJobs<Tasks>(t.storage.db, [{ task: 'notify', payload: { after }, options: { key } }], now)
      await worker.drain()
      const job = await t.storage.db
        .selectFrom('jobs')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
      assert.equal(job.status, 'queued')
      assert.match(job.last_error ?? '', /receiver answered HTTP 503/)
      return new Date(job.run_at).getTime() - now.getTime()
    }

    test('delay-seconds are followed, with jitter on top', async () => {
      const delay = await delayAfter('120')
      assert.ok(delay >= 120_000 && delay <= 144_000, String(delay))
    })

    test('an HTTP-date is followed', async () => {
      const delay = await delayAfter(new Date(now.getTime() + 300_000).toUTCString())
      assert.ok(delay >= 300_000 && delay <= 360_000, String(delay))
    })

    test('a Retry-After beyond the maximum is cut to one hour, one below the minimum raised to 1 s', async () => {
      assert.equal(await delayAfter('864000'), 3_600_000)
      assert.equal(await delayAfter('0'), 1_000)
    })

    test('without Retry-After the schedule applies, and every attempt is an event', async () => {
      const delay = await delayAfter('')
      assert.ok(delay >= 1_000 && delay <= 1_200, String(delay))
      const event = await t.storage.db
        .selectFrom('events')
        .selectAll()
        .where('step', '=', 'notify:120')
        .executeTakeFirstOrThrow()
      assert.equal(event.kind, 'callback')
      assert.equal(event.outcome, 'failure')
      assert.equal(event.reason, 'receiver answered HTTP 503')
    })
  })
}
