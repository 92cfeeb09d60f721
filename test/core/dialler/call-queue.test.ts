import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import { createServices } from '../../../src/app/create-services.js'
import { loadConfig } from '../../../src/config.js'
import { addLead } from '../../../src/core/dialler/add-lead.js'
import type { CallQueueStore, DiallerCampaign } from '../../../src/core/dialler/call-queue-store.js'
import { DEFAULT_CAMPAIGN_SETTINGS } from '../../../src/core/dialler/campaign-settings.js'
import { cancelLead } from '../../../src/core/dialler/cancel-lead.js'
import { enqueueCallFromLead } from '../../../src/core/dialler/enqueue-call-from-lead.js'
import { reportResult } from '../../../src/core/dialler/report-result.js'
import { takeCall } from '../../../src/core/dialler/take-call.js'
import { buildApp } from '../../../src/http/build-app.js'
import { createCallQueueStore } from '../../../src/storage/call-queue-store.js'
import type { StorageDialect } from '../../../src/storage/dialects/dialect.js'
import { openPostgres } from '../../../src/storage/dialects/postgres.js'
import { openSqlite } from '../../../src/storage/dialects/sqlite.js'
import { createDiallerCampaign } from '../../../src/storage/dialler-admin-store.js'
import { createLeadCallQueue } from '../../../src/storage/lead-call-queue.js'
import { migrateToLatest } from '../../../src/storage/migrate.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../../helpers/databases.js'
import { TEST_SECRET_KEY } from '../../helpers/test-app.js'

const MONDAY_NOON = new Date('2026-11-23T12:00:00.000Z')

function movableClock(start: Date) {
  let now = start
  return {
    now: () => now,
    set(at: Date) {
      now = at
    },
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000)
    },
  }
}

function mobile(i: number): string {
  return `0784025${String(1000 + i).padStart(4, '0')}`
}

function addCommand(i: number, extra: Record<string, unknown> = {}) {
  return { email: `p${i}@example.com`, firstName: 'P', surname: `${i}`, mobile: mobile(i), ...extra }
}

for (const kind of await dialectsUnderTest()) {
  describe(`dialler call queue [${kind}]`, () => {
    let t: TestStorage
    let store: CallQueueStore
    const clock = movableClock(MONDAY_NOON)
    let seq = 0
    async function campaign(settings = DEFAULT_CAMPAIGN_SETTINGS): Promise<DiallerCampaign> {
      seq++
      const c = await createDiallerCampaign(
        t.storage.db,
        { type: `t${seq}`, subtype: '', name: `campaign ${seq}`, settings },
        MONDAY_NOON,
      )
      assert.ok(c)
      return c
    }
    before(async () => {
      t = await openTestStorage(kind)
      store = createCallQueueStore(t.storage)
    })
    after(() => t.drop())

    test('20 concurrent diallers taking calls from one queue never get the same call', async () => {
      clock.set(MONDAY_NOON)
      const c = await campaign()
      for (let i = 0; i < 40; i++) {
        const out = await addLead(store, clock, addCommand(i, { type: c.type }))
        assert.equal(out.kind, 'processed')
      }
      const takes = await Promise.all(
        Array.from({ length: 20 }, (_, d) =>
          takeCall(createCallQueueStore(t.storage), clock, c.id, `dialler-${d}`),
        ),
      )
      const ids = takes.map((o) => (o.kind === 'taken' ? o.call.id : -1))
      assert.ok(ids.every((id) => id > 0))
      assert.equal(new Set(ids).size, 20)
      const rest = await Promise.all(
        Array.from({ length: 30 }, (_, d) => takeCall(store, clock, c.id, `second-${d}`)),
      )
      const more = rest.filter((o) => o.kind === 'taken').map((o) => (o.kind === 'taken' ? o.call.id : 0))
      assert.equal(more.length, 20)
      assert.equal(new Set([...ids, ...more]).size, 40)
    })

    test('a delayed call is not handed out before it is due, and a cancelled one never', async () => {
      clock.set(MONDAY_NOON)
      const c = await campaign()
      assert.equal(
        (await addLead(store, clock, addCommand(100, { type: c.type, delays: 600 }))).kind,
        'processed',
      )
      assert.equal((await addLead(store, clock, addCommand(101, { type: c.type }))).kind, 'processed')
      const cancel = await cancelLead(store, clock, { type: c.type, mobile: mobile(101) })
      assert.equal(cancel.kind, 'cancelled')
      assert.equal((await takeCall(store, clock, c.id, 'd')).kind, 'none')
      clock.advance(599)
      assert.equal((await takeCall(store, clock, c.id, 'd')).kind, 'none')
      clock.advance(1)
      const due = await takeCall(store, clock, c.id, 'd')
      assert.equal(due.kind === 'taken' && due.call.mobile, '+447840251100')
      assert.equal((await takeCall(store, clock, c.id, 'd')).kind, 'none')
    })

    test('a cancel racing a take: exactly one of them wins, every time', async () => {
      clock.set(MONDAY_NOON)
      const c = await campaign()
      for (let i = 0; i < 10; i++) {
        await addLead(store, clock, addCommand(700 + i, { type: c.type }))
        const [cancel, take] = await Promise.all([
          cancelLead(createCallQueueStore(t.storage), clock, { type: c.type, mobile: mobile(700 + i) }),
          takeCall(createCallQueueStore(t.storage), clock, c.id, 'racer'),
        ])
        const cancelled = cancel.kind === 'cancelled'
        const taken = take.kind === 'taken'
        assert.notEqual(cancelled, taken, `round ${i}: cancel ${cancel.kind}, take ${take.kind}`)
        if (!cancelled) assert.equal(cancel.kind, 'already_processed')
        if (taken) await reportResult(store, clock, take.call.id, { result: 'sale' })
      }
    })

    test('retry policy: no answer is retried after the spacing, then given up at maxAttempts', async () => {
      clock.set(MONDAY_NOON)
      const c = await campaign({
        ...DEFAULT_CAMPAIGN_SETTINGS,
        retry: { maxAttempts: 2, spacingSeconds: [900] },
      })
      await addLead(store, clock, addCommand(200, { type: c.type }))
      const first = await takeCall(store, clock, c.id, 'd1')
      assert.ok(first.kind === 'taken')
      const r1 = await reportResult(store, clock, first.call.id, { result: 'no_answer', diallerId: 'd1' })
      assert.ok(r1.kind === 'recorded')
      assert.equal(r1.call.status, 'scheduled')
      assert.equal(r1.call.dueAt, '2026-11-23T12:15:00.000Z')
      assert.equal(r1.call.lastResult, 'no_answer')
      clock.advance(899)
      assert.equal((await takeCall(store, clock, c.id, 'd1')).kind, 'none')
      clock.advance(1)
      const second = await takeCall(store, clock, c.id, 'd2')
      assert.ok(second.kind === 'taken')
      assert.equal(second.call.attempts, 2)
      const wrong = await reportResult(store, clock, second.call.id, { result: 'busy', diallerId: 'd1' })
      assert.equal(wrong.kind, 'conflict')
      const r2 = await reportResult(store, clock, second.call.id, { result: 'busy' })
      assert.ok(r2.kind === 'recorded')
      assert.equal(r2.call.status, 'done')
      const again = await reportResult(store, clock, second.call.id, { result: 'busy' })
      assert.equal(again.kind, 'conflict')
    })

    test('callback: scheduled at the time asked, outside calling hours too', async () => {
      clock.set(MONDAY_NOON)
      const c = await campaign()
      await addLead(store, clock, addCommand(300, { type: c.type }))
      const taken = await takeCall(store, clock, c.id, 'd')
      assert.ok(taken.kind === 'taken')
      const bad = await reportResult(store, clock, taken.call.id, { result: 'callback' })
      assert.equal(bad.kind, 'invalid')
      const at = '2026-11-23T21:30:00.000Z' // after the default 21:00 close
      const r = await reportResult(store, clock, taken.call.id, { result: 'callback', callbackAt: at })
      assert.ok(r.kind === 'recorded')
      assert.equal(r.call.dueAt, at)
      clock.set(new Date(at))
      const back = await takeCall(store, clock, c.id, 'd')
      assert.equal(back.kind === 'taken' && back.call.id, taken.call.id)
    })

    test("calling hours: a lead added at night is due when the consumer's day starts", async () => {
      clock.set(new Date('2026-11-23T23:00:00.000Z'))
      const c = await campaign()
      const uk = await addLead(store, clock, addCommand(400, { type: c.type }))
      assert.ok(uk.kind === 'processed')
      assert.equal(uk.dueAt.toISOString(), '2026-11-24T08:00:00.000Z')
      const fr = await addLead(store, clock, addCommand(401, { type: c.type, mobile: '+33612345678' }))
      assert.ok(fr.kind === 'processed')
      assert.equal(fr.dueAt.toISOString(), '2026-11-24T07:00:00.000Z') // 08:00 in Paris
    })

    test('a backlog taken after hours is put back to the next window, not handed out', async () => {
      clock.set(new Date('2026-11-23T20:00:00.000Z'))
      const c = await campaign()
      await addLead(store, clock, addCommand(500, { type: c.type }))
      clock.set(new Date('2026-11-23T22:00:00.000Z'))
      assert.equal((await takeCall(store, clock, c.id, 'late')).kind, 'none')
      const row = await t.storage.db
        .selectFrom('calls')
        .selectAll()
        .where('campaign_id', '=', c.id)
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'scheduled')
      assert.equal(row.attempts, 0)
      assert.equal(row.due_at, '2026-11-24T08:00:00.000Z')
    })

    test('a call held past the claim timeout is handed out again', async () => {
      clock.set(MONDAY_NOON)
      const c = await campaign({ ...DEFAULT_CAMPAIGN_SETTINGS, claimTimeoutSeconds: 120 })
      await addLead(store, clock, addCommand(600, { type: c.type }))
      const first = await takeCall(store, clock, c.id, 'gone')
      assert.ok(first.kind === 'taken')
      clock.advance(60)
      assert.equal((await takeCall(store, clock, c.id, 'other')).kind, 'none')
      clock.advance(61)
      const again = await takeCall(store, clock, c.id, 'other')
      assert.ok(again.kind === 'taken')
      assert.equal(again.call.id, first.call.id)
      assert.equal(again.call.claimedBy, 'other')
    })

    test('enqueueCallFromLead: a sold lead becomes a call with the same rules', async () => {
      clock.set(MONDAY_NOON)
      const c = await campaign()
      const lead = await t.storage.db
        .insertInto('leads')
        .values({
          post_id: `p-${kind}-enqueue`,
          status: 'sold',
          mode: 'general',
          raw_json: '{}',
          // As intake stores fields: { raw, normal, valid, components } each (plain values work too).
          fields_json: JSON.stringify({
            FirstName: { raw: 'ann', normal: 'Ann', valid: true, components: {} },
            LastName: 'Lee',
            Phone: { raw: '07840 258899', normal: '+447840258899', valid: true, components: {} },
            Email: 'a@b.co',
            Zip: 'AB1',
          }),
          price_cents: 0,
          cost_cents: 0,
          no_sell: 0,
          pending_qc: 0,
          qc_rejected: 0,
          is_test: 0,
          received_at: MONDAY_NOON.toISOString(),
        })
        .returning(['id', 'fields_json'])
        .executeTakeFirstOrThrow()
      const queue = createLeadCallQueue(t.storage, clock)
      const ok = await queue.enqueue(lead.id, { type: c.type })
      assert.equal(ok.ok, true, ok.reason)
      const call = await t.storage.db
        .selectFrom('calls')
        .selectAll()
        .where('lead_id', '=', lead.id)
        .executeTakeFirstOrThrow()
      assert.equal(call.mobile, '+447840258899')
      assert.equal(call.first_name, 'Ann')
      assert.equal(call.surname, 'Lee')
      assert.deepEqual(JSON.parse(call.data_json ?? ''), { Zip: 'AB1' })
      assert.deepEqual(await queue.enqueue(lead.id, { type: c.type }), {
        ok: false,
        reason: 'Another call is already scheduled',
      })
      assert.deepEqual(await queue.enqueue(lead.id, { type: 'nope' }), { ok: false, reason: 'Unknown Type' })
      const fields = JSON.parse(lead.fields_json)
      const noPhone = await enqueueCallFromLead(store, clock, {
        leadId: lead.id,
        type: c.type,
        fields: { ...fields, Phone: 'x' },
      })
      assert.deepEqual(noPhone, { ok: false, reason: 'invalid_phone' })
    })

    test("enqueueCallFromLead joins the caller's transaction: a rollback leaves no call", async () => {
      const c = await campaign()
      await assert.rejects(
        t.storage.db.transaction().execute(async (trx) => {
          const out = await enqueueCallFromLead(createCallQueueStore(t.storage, trx), clock, {
            leadId: 0,
            type: c.type,
            fields: { mobile: '07840258898' },
          })
          assert.equal(out.ok, true)
          throw new Error('roll back')
        }),
        /roll back/,
      )
      const rows = await t.storage.db
        .selectFrom('calls')
        .select('id')
        .where('campaign_id', '=', c.id)
        .execute()
      assert.equal(rows.length, 0)
    })
  })

  describe(`dialler call queue survives a restart [${kind}]`, () => {
    let t: TestStorage
    before(async () => {
      t = await openTestStorage(kind)
    })
    after(() => t.drop())

    const open = (): StorageDialect => (kind === 'sqlite' ? openSqlite(t.url) : openPostgres(t.url, 2))
    const config = loadConfig({}, { logLevel: 'silent', demo: true })
    async function start(storage: StorageDialect, clock: { now: () => Date }) {
      await migrateToLatest(storage)
      const services = createServices(config, {
        storage,
        clock,
        secretKey: TEST_SECRET_KEY,
        logger: pino({ level: 'silent' }),
      })
      await services.admin.seedDemo()
      const app = await buildApp(config, services)
      app.addHook('onClose', () => services.worker.stop())
      await app.ready()
      return app
    }

    test('a call scheduled with a delay is handed out after a restart, once due', async () => {
      const clock = movableClock(MONDAY_NOON)
      const first = open()
      const app1 = await start(first, clock)
      const added = await app1.inject({
        method: 'POST',
        url: '/lead/add?key=demo-dialler-key',
        headers: { 'content-type': 'application/json' },
        payload: {
          first_name: 'John',
          surname: 'Doe',
          mobile: '07840258823',
          email: 'john.doe@example.com',
          type: 'motor-trade',
          subtype: 'valeter',
          delays: 600,
        },
      })
      assert.deepEqual(added.json(), { saved: true, processed: true })
      await app1.close()
      await first.close()

      const second = open()
      const app2 = await start(second, clock)
      try {
        const campaigns = await app2.inject({
          method: 'GET',
          url: '/api/v1/dialler/campaigns',
          headers: { authorization: 'Bearer demo-admin-key' },
        })
        const id = campaigns.json().campaigns.find((c: { type: string }) => c.type === 'motor-trade').id
        const take = () =>
          app2.inject({
            method: 'POST',
            url: `/api/v1/dialler/campaigns/${id}/take`,
            headers: { authorization: 'Bearer demo-dialler-key' },
          })
        clock.advance(300)
        assert.deepEqual((await take()).json(), { call: null })
        clock.advance(300)
        const due = (await take()).json().call
        assert.equal(due.mobile, '+447840258823')
        assert.equal(due.status, 'in_progress')
        assert.equal(due.claimedBy?.startsWith('dialler-key:'), true)
      } finally {
        await app2.close()
        await second.close()
      }
    })
  })
}
