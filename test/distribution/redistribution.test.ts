import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { nextSweepJob } from '../../src/core/redistribution/redistribution.js'
import { enqueueJobs } from '../../src/storage/job-store.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

const HOUR = 3_600_000

for (const kind of await dialectsUnderTest()) {
  describe(`re-distribution of unsold and returned leads [${kind}]`, () => {
    let t: TestApp
    let fresh: BuyerServer
    let aged: BuyerServer
    let refusing: BuyerServer
    let freshContract: { buyerId: number; contractId: number }
    let agedContract: { buyerId: number; contractId: number }
    before(async () => {
      ;[fresh, aged, refusing] = await Promise.all([
        startBuyer(() => ({ body: { status: 'accepted' } })),
        startBuyer(() => ({ body: { status: 'accepted' } })),
        startBuyer(() => ({ body: { status: 'rejected', reason: 'too old for us' } })),
      ])
      t = await createTestApp(kind)
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      freshContract = await addContract(t.lf, {
        buyer: 'Fresh Buyer',
        priceCents: 2500,
        exclusive: true,
        delivery: { url: fresh.url, response: JSON_RULES },
      })
      agedContract = await addContract(t.lf, {
        buyer: 'Aged Buyer',
        priceCents: 900,
        delivery: { url: aged.url, response: JSON_RULES },
        settings: {
          aged: {
            bands: [
              { fromHours: 0, priceCents: 400 },
              { fromHours: 72, priceCents: 150 },
            ],
          },
        },
      })
    })
    after(async () => {
      await Promise.all([fresh.close(), aged.close(), refusing.close()])
      await t.close()
    })

    const events = (leadId: number, kinds: string[]) =>
      t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', 'in', kinds)
        .orderBy('started_at')
        .orderBy('id')
        .execute()

    async function creditedLead(email: string): Promise<number> {
      const leadId = await insertLead(t.lf, { Email: email })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.deepEqual(
        outcome.sends.filter((s) => s.valid).map((s) => s.contractId),
        [freshContract.contractId],
        'a fresh lead goes to the fresh buyer only: the aged contract takes no fresh leads',
      )
      const returned = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: ADMIN,
        payload: { lead_id: String(leadId), return_type: 'approve_for_credit', return_reason_id: 1 },
      })
      assert.equal(returned.statusCode, 201, returned.body)
      const lead = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'returned')
      return leadId
    }

    test('a credited lead is re-sold to an aged-lead contract at its price, never to the buyer who returned it', async () => {
      const leadId = await creditedLead('credited@example.com')
      const skipped = await events(leadId, ['filter'])
      assert.equal(
        skipped.find((e) => e.contract_id === agedContract.contractId)?.reason,
        'aged-lead contract: takes re-distributed leads only',
      )
      const freshPosts = fresh.received.length
      const answer = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${leadId}/redistribute`,
        headers: ADMIN,
      })
      assert.equal(answer.statusCode, 200, answer.body)
      const offer = answer.json()
      assert.equal(offer.sold, true)
      assert.equal(offer.attempt, 1)
      assert.equal(offer.price_cents, 400, 'the aged contract’s band price, not its 900 list price')
      assert.equal(fresh.received.length, freshPosts, 'the buyer who returned it never gets it again')

      const sales = await t.lf.db
        .selectFrom('sales')
        .select(['buyer_id', 'price_cents', 'state'])
        .where('lead_id', '=', leadId)
        .orderBy('id')
        .execute()
      assert.deepEqual(
        sales.map((s) => [s.buyer_id, Number(s.price_cents), s.state]),
        [
          [freshContract.buyerId, 2500, 'credited'],
          [agedContract.buyerId, 400, 'sold'],
        ],
      )
      const lead = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'sold')
      const ledger = await t.lf.db
        .selectFrom('ledger')
        .select(['entry', 'amount_cents'])
        .where('account_kind', '=', 'buyer')
        .where('account_id', '=', agedContract.buyerId)
        .execute()
      assert.deepEqual(
        ledger.map((l) => [l.entry, Number(l.amount_cents)]),
        [['sale', 400]],
      )

      const trail = await events(leadId, ['filter', 'post', 'redistribution'])
      const mine = [freshContract.contractId, agedContract.contractId, null]
      const offerTrail = trail.filter(
        (e) =>
          (e.step === 'redistribution' || e.kind === 'redistribution' || e.kind === 'post') &&
          mine.includes(e.contract_id),
      )
      // Steps of one millisecond tie on started_at (ids then order them), so compare the set.
      const byText = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b))
      assert.deepEqual(
        offerTrail
          .slice(-4)
          .map((e) => [e.kind, e.step, e.contract_id, e.outcome, e.reason])
          .sort(byText),
        [
          ['filter', 'redistribution', freshContract.contractId, 'skip', 'buyer bought this lead before'],
          ['filter', 'redistribution', agedContract.contractId, 'pass', null],
          ['post', 'http', agedContract.contractId, 'accepted', null],
          ['redistribution', 'offer', null, 'sold', null],
        ].sort(byText),
      )
      const detail = await t.app.inject({ method: 'GET', url: `/api/v1/leads/${leadId}`, headers: ADMIN })
      assert.deepEqual(
        [detail.json().redistribution.attempts, detail.json().redistribution.last_outcome],
        [1, 'sold'],
      )
      // A lead that sold (and stays sold) is not offered again.
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${leadId}/redistribute`,
        headers: ADMIN,
      })
      assert.equal(again.statusCode, 409)
      assert.match(again.json().error.message, /lead is sold/)
    })

    test('a rule sweeps due leads into offer jobs; attempts stop at its limit', async () => {
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'off' })
        .where('id', '=', agedContract.contractId)
        .execute()
      const refusingAged = await addContract(t.lf, {
        buyer: 'Refusing Aged Buyer',
        priceCents: 300,
        delivery: { url: refusing.url, response: JSON_RULES },
        settings: { aged: true },
      })
      const rule = await t.app.inject({
        method: 'POST',
        url: '/api/v1/redistribution-rules',
        headers: ADMIN,
        payload: {
          name: 'Unsold after a day',
          lid: 1,
          statuses: ['unsold'],
          after_minutes: 1440,
          max_attempts: 2,
        },
      })
      assert.equal(rule.statusCode, 201, rule.body)
      const leadId = await insertLead(t.lf, { Email: 'unsold@example.com' }, { status: 'unsold' })
      const dayAgo = new Date(t.lf.clock.now().getTime() - 25 * HOUR).toISOString()
      await t.lf.db
        .updateTable('leads')
        .set({ received_at: dayAgo, processed_at: dayAgo })
        .where('id', '=', leadId)
        .execute()
      const young = await insertLead(t.lf, { Email: 'young@example.com' }, { status: 'unsold' })

      const sweep = () => t.services.lifecycle.redistribution.sweep()
      const offers = async () =>
        (
          await t.lf.db
            .selectFrom('jobs')
            .select('payload_json')
            .where('task', '=', 'redistribution.offer')
            .execute()
        )
          .map((j) => JSON.parse(j.payload_json).leadId)
          .filter((id: number) => id === leadId || id === young)
      assert.equal(await sweep(), 1, 'only the lead quiet for a day is due')
      assert.equal(await sweep(), 1, 'a second sweep before the job ran queues the same keyed job')
      assert.deepEqual(await offers(), [leadId])
      await t.lf.worker.drain()
      const counter = () =>
        t.lf.db.selectFrom('lead_offers').selectAll().where('lead_id', '=', leadId).executeTakeFirstOrThrow()
      assert.deepEqual([(await counter()).attempts, (await counter()).last_outcome], [1, 'unsold'])
      assert.equal(refusing.received.length, 1)

      // Not due again until a day after the last offer; then the second and last attempt.
      assert.equal(await sweep(), 0)
      await t.lf.db
        .updateTable('lead_offers')
        .set({ last_offered_at: dayAgo })
        .where('lead_id', '=', leadId)
        .execute()
      assert.equal(await sweep(), 1)
      await t.lf.worker.drain()
      assert.equal((await counter()).attempts, 2)
      await t.lf.db
        .updateTable('lead_offers')
        .set({ last_offered_at: dayAgo })
        .where('lead_id', '=', leadId)
        .execute()
      assert.equal(await sweep(), 0, 'max_attempts 2 reached')
      // A stale job past the limit claims nothing.
      const late = await t.services.lifecycle.redistribution.offer(leadId, rule.json().id)
      assert.deepEqual([late.offered, late.reason], [false, 'attempt limit reached or offered too recently'])
      assert.equal(refusing.received.length, 2)
      const status = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(status.status, 'unsold', 'an unsold re-offer leaves the lead as it was')
      const trail = await events(leadId, ['redistribution'])
      assert.deepEqual(
        trail.map((e) => [e.outcome, e.reason, JSON.parse(e.data_json ?? '{}').attempt]),
        [
          ['unsold', 'too old for us', 1],
          ['unsold', 'too old for us', 2],
        ],
      )
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'off' })
        .where('id', '=', refusingAged.contractId)
        .execute()
      await t.lf.db.updateTable('redistribution_rules').set({ active: 0 }).execute()
    })

    test('the sweep job runs on the worker and chains its successor, keyed by slot', async () => {
      const rule = await t.app.inject({
        method: 'POST',
        url: '/api/v1/redistribution-rules',
        headers: ADMIN,
        payload: { name: 'Chained sweep', statuses: ['unsold'], after_minutes: 0, max_attempts: 1 },
      })
      const leadId = await insertLead(t.lf, { Email: 'swept@example.com' }, { status: 'unsold' })
      const now = t.lf.clock.now()
      await enqueueJobs(
        t.lf.db,
        [
          {
            task: 'redistribution.sweep',
            payload: {},
            options: { runAt: now, key: 'redistribution.sweep:test' },
          },
        ],
        now,
      )
      await t.lf.worker.drain()
      const next = nextSweepJob(now, 5)
      const successor = await t.lf.db
        .selectFrom('jobs')
        .select(['key', 'status'])
        .where('task', '=', 'redistribution.sweep')
        .where('key', '=', next.options?.key ?? '')
        .executeTakeFirst()
      assert.ok(successor, 'the successor is queued at the next 5-minute slot')
      assert.equal(nextSweepJob(new Date(now.getTime() + 1000), 5).options?.key, next.options?.key)
      const counter = await t.lf.db
        .selectFrom('lead_offers')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(counter.last_rule_id, rule.json().id)
      await t.lf.db.updateTable('redistribution_rules').set({ active: 0 }).execute()
    })

    test('exclusivity: a lead with an exclusive sale standing is not offered; an exclusive aged buyer may take a credited one', async () => {
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'active' })
        .where('id', '=', agedContract.contractId)
        .execute()
      await t.lf.db
        .updateTable('contracts')
        .set({ exclusive: 1 })
        .where('id', '=', agedContract.contractId)
        .execute()
      const sold = await insertLead(t.lf, { Email: 'exclusive@example.com' })
      assert.equal((await t.services.distribution.distribute(sold)).sold, true)
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${sold}/redistribute`,
        headers: ADMIN,
      })
      assert.equal(refused.statusCode, 409)
      const credited = await creditedLead('credited-exclusive@example.com')
      const offer = await t.services.lifecycle.redistribution.offerNow(credited)
      assert.equal(offer.sold, true)
      await t.lf.db
        .updateTable('contracts')
        .set({ exclusive: 0 })
        .where('id', '=', agedContract.contractId)
        .execute()
    })

    test('a duplicate of a lead the aged buyer already has is kept from it', async () => {
      const first = await insertLead(t.lf, { Email: 'twin@example.com' }, { status: 'unsold' })
      const second = await insertLead(t.lf, { Email: 'twin@example.com' }, { status: 'unsold' })
      const { leadTypeId } = await t.lf.db
        .selectFrom('leads')
        .select('lead_type_id as leadTypeId')
        .where('id', '=', first)
        .executeTakeFirstOrThrow()
      for (const leadId of [first, second])
        await t.lf.db
          .insertInto('lead_keys')
          .values({
            lead_id: leadId,
            lead_type_id: leadTypeId ?? 0,
            source_id: null,
            rule: 'Email',
            key_hash: 'twin-hash',
            created_at: t.lf.clock.now().toISOString(),
          })
          .execute()
      assert.equal((await t.services.lifecycle.redistribution.offerNow(first)).sold, true)
      const twin = await t.services.lifecycle.redistribution.offerNow(second)
      assert.equal(twin.sold, false)
      const skip = await events(second, ['filter'])
      assert.equal(
        skip.find((e) => e.contract_id === agedContract.contractId)?.reason,
        'buyer bought a duplicate of this lead',
      )
    })

    test('an operator re-distributes a filtered set through jobs, and the answer counts them', async () => {
      const ids = [
        await insertLead(t.lf, { Email: 'batch1@example.com' }, { status: 'unsold' }),
        await insertLead(t.lf, { Email: 'batch2@example.com' }, { status: 'unsold' }),
      ]
      const from = new Date(t.lf.clock.now().getTime() - 1000).toISOString()
      await t.lf.db
        .updateTable('leads')
        .set({ received_at: '2000-01-01T00:00:00.000Z' })
        .where('id', 'not in', ids)
        .execute()
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/v1/leads/redistribute',
        headers: ADMIN,
        payload: { statuses: ['unsold'], lid: 1, received_from: from, limit: 10 },
      })
      assert.equal(answer.statusCode, 202, answer.body)
      assert.deepEqual(answer.json(), { matched: 2, queued: 2 })
      await t.lf.worker.drain()
      const leads = await t.lf.db.selectFrom('leads').select('status').where('id', 'in', ids).execute()
      assert.deepEqual(
        leads.map((l) => l.status),
        ['sold', 'sold'],
      )
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/leads/redistribute',
        headers: ADMIN,
        payload: { lid: 999 },
      })
      assert.equal(bad.statusCode, 400)
    })

    test('rules are validated configuration: unknown lead type, duplicate name, bad numbers', async () => {
      const post = (payload: Record<string, unknown>) =>
        t.app.inject({ method: 'POST', url: '/api/v1/redistribution-rules', headers: ADMIN, payload })
      assert.equal((await post({ name: 'x', lid: 999, after_minutes: 60, max_attempts: 1 })).statusCode, 400)
      assert.equal((await post({ name: 'x', after_minutes: 60, max_attempts: 0 })).statusCode, 400)
      const created = await post({
        name: 'Returned after an hour',
        statuses: ['returned'],
        after_minutes: 60,
        max_attempts: 3,
      })
      assert.equal(created.statusCode, 201)
      assert.equal(
        (await post({ name: 'Returned after an hour', after_minutes: 1, max_attempts: 1 })).statusCode,
        409,
      )
      const id = created.json().id
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/redistribution-rules/${id}`,
        headers: ADMIN,
        payload: { max_attempts: 5, max_consent_age_days: 30 },
      })
      assert.deepEqual([patched.json().max_attempts, patched.json().max_consent_age_days], [5, 30])
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/redistribution-rules', headers: ADMIN })
      assert.ok(list.json().items.some((r: { id: number }) => r.id === id))
      const audit = await t.lf.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'redistribution_rule.%')
        .execute()
      assert.ok(audit.length >= 3)
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/redistribution-rules/${id}`,
        headers: ADMIN,
      })
      assert.equal(removed.statusCode, 204)
      const aged = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/999999/redistribute`,
        headers: ADMIN,
      })
      assert.equal(aged.statusCode, 404)
    })
  })
}
