import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DEMO } from '../../src/app/demo/demo-ids.js'
import { evaluateConditions } from '../../src/core/webhooks/alert-conditions.js'
import { createAlertConditionStore } from '../../src/storage/alert-condition-store.js'
import { type BuyerServer, type Received, startBuyer } from '../distribution/buyer-server.js'
import { addContract, demoIds, insertLead, JSON_RULES, onlyTestBuyers } from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { startSmtp, type TestSmtp } from '../helpers/smtp-server.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

function manualClock(start = new Date('2030-01-01T10:00:00Z')) {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms
    },
  }
}

const bodyOf = (r: Received) =>
  JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> }

/**
 * The events and alerts of issue 15 on both databases: lead.accepted / lead.rejected to the
 * source's endpoint, cap.warning and cap.reached once per cap window, buyer.balance_low once per
 * episode, and the condition rules (reject rate, silent source) alerting once per episode by
 * email and webhook.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`portal events and alerts [${kind}]`, () => {
    let t: TestApp
    let smtp: TestSmtp
    let receiver: BuyerServer
    let goodBuyer: BuyerServer
    const clock = manualClock()
    before(async () => {
      smtp = await startSmtp()
      receiver = await startBuyer(() => ({ status: 204, body: '' }))
      goodBuyer = await startBuyer(() => ({ body: { status: 'accepted' } }))
      t = await createTestApp(kind, { clock, config: { smtpUrl: smtp.url, mailFrom: 'leadflow <lf@test>' } })
    })
    after(async () => {
      await t.close()
      await Promise.all([smtp.close(), receiver.close(), goodBuyer.close()])
    })

    const api = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, payload })
      return { status: res.statusCode, json: res.body ? res.json() : null }
    }
    const hooks = (path: string, type: string) =>
      receiver.received.filter((r) => r.url === path && bodyOf(r).type === type).map(bodyOf)
    const postLead = async (fields: Record<string, string>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          vid: String(DEMO.source.vid),
          lid: '1',
          password: DEMO.source.password,
          Zip: '89101',
          ...fields,
        }).toString(),
      })
      return res.json() as { ResponseType: number; LeadIdentifier: number }
    }
    const fanoutsOf = async (type: string) =>
      (
        await t.lf.db
          .selectFrom('jobs')
          .select('payload_json')
          .where('task', '=', 'webhooks.fanout')
          .execute()
      ).filter((j) => JSON.parse(j.payload_json).type === type).length

    test('lead.accepted and lead.rejected reach the source’s endpoint, and cost nothing while nobody subscribes', async () => {
      await onlyTestBuyers(t.lf)
      const quiet = await postLead({ Email: 'quiet@example.com', Phone: '7025550900' })
      assert.equal(quiet.ResponseType, 0)
      assert.equal(await fanoutsOf('lead.accepted'), 0, 'no subscriber, no job')
      const { sourceId } = await demoIds(t.lf)
      const endpoint = await api('POST', '/webhooks', {
        url: `${receiver.url}/source`,
        event_types: ['lead.accepted', 'lead.rejected'],
        source_id: sourceId,
      })
      assert.equal(endpoint.status, 201)
      const accepted = await postLead({ Email: 'accepted@example.com', Phone: '7025550901' })
      const rejected = await postLead({ Phone: '7025550902' })
      assert.equal(accepted.ResponseType, 0)
      assert.notEqual(rejected.ResponseType, 0)
      await t.lf.worker.drain()
      const ok = hooks('/source', 'lead.accepted')
      const no = hooks('/source', 'lead.rejected')
      assert.equal(ok.length, 1)
      assert.equal(ok[0]!.data.lead_id, accepted.LeadIdentifier)
      assert.equal(ok[0]!.data.source_id, sourceId)
      assert.equal(no.length, 1)
      assert.equal(no[0]!.data.reason_code, 'invalid_data')
      assert.match(String(no[0]!.data.reason), /Email/)
      assert.equal(no[0]!.data.fields, undefined, 'no personal fields in events')
    })

    test('cap.warning at 80 % and cap.reached at 100 %, each once per window, by webhook and email', async () => {
      await onlyTestBuyers(t.lf)
      const capped = await addContract(t.lf, {
        buyer: 'Capped buyer',
        caps: [{ period: 'day', count: 5 }],
        delivery: { url: goodBuyer.url, response: JSON_RULES },
      })
      await api('POST', '/webhooks', {
        url: `${receiver.url}/capped`,
        event_types: ['cap.warning', 'cap.reached'],
        buyer_id: capped.buyerId,
      })
      const rule = await api('POST', '/alert-rules', {
        name: 'Cap full',
        event_type: 'cap.reached',
        emails: ['caps@demo.test'],
      })
      assert.equal(rule.status, 201)
      const sold = []
      for (let i = 0; i < 6; i++) {
        const outcome = await t.services.distribution.distribute(
          await insertLead(t.lf, { Email: `cap${i}@example.com` }),
        )
        sold.push(outcome.sold)
      }
      assert.deepEqual(sold, [true, true, true, true, true, false], 'the sixth is over the cap')
      await t.lf.worker.drain()
      const warnings = hooks('/capped', 'cap.warning')
      const reached = hooks('/capped', 'cap.reached')
      assert.equal(warnings.length, 1, 'the 4th and 5th sales are both over 80 %: one warning')
      assert.equal(warnings[0]!.data.used, 4)
      assert.equal(warnings[0]!.data.percent_used, 80)
      assert.equal(reached.length, 1)
      assert.equal(reached[0]!.data.contract_id, capped.contractId)
      assert.equal(reached[0]!.data.limit, 5)
      const mails = smtp.messages.filter((m) => m.includes('caps@demo.test'))
      assert.equal(mails.length, 1)
      assert.match(mails[0]!, /Subject: \[leadflow\] Cap full: cap\.reached/)
    })

    test('buyer.balance_low once while low, again after the buyer paid and ran low again', async () => {
      await onlyTestBuyers(t.lf)
      const low = await addContract(t.lf, {
        buyer: 'Low balance buyer',
        priceCents: 100,
        delivery: { url: goodBuyer.url, response: JSON_RULES },
      })
      await api('POST', '/webhooks', {
        url: `${receiver.url}/balance`,
        event_types: ['buyer.balance_low'],
        buyer_id: low.buyerId,
      })
      assert.equal((await api('PUT', `/buyers/${low.buyerId}/credit`, { limit_cents: 1000 })).status, 200)
      const sell = async (n: number) => {
        for (let i = 0; i < n; i++)
          assert.ok(
            (
              await t.services.distribution.distribute(
                await insertLead(t.lf, { Email: `low${n}-${i}-${Math.random()}@example.com` }),
              )
            ).sold,
          )
      }
      await sell(8)
      await t.lf.worker.drain()
      assert.equal(hooks('/balance', 'buyer.balance_low').length, 0, '200 left of 1000: not low')
      await sell(2)
      await t.lf.worker.drain()
      const first = hooks('/balance', 'buyer.balance_low')
      assert.equal(first.length, 1, 'the 9th and 10th sales both leave ≤ 10 %: one event')
      assert.equal(first[0]!.data.available_cents, 100)
      assert.equal(first[0]!.data.limit_cents, 1000)
      // A payment of $8 brings it back; the next sale ends the episode, a later one opens the next.
      assert.equal(
        (
          await api('POST', '/ledger/entries', {
            account_kind: 'buyer',
            account_id: low.buyerId,
            entry: 'payment',
            amount_cents: 800,
            reason: 'wire',
          })
        ).status,
        201,
      )
      await sell(8)
      await t.lf.worker.drain()
      assert.equal(hooks('/balance', 'buyer.balance_low').length, 2)
    })

    test('a reject-rate spike and a silent source alert once per episode, by email and webhook', async () => {
      await onlyTestBuyers(t.lf)
      const { sourceId } = await demoIds(t.lf)
      await api('POST', '/webhooks', { url: `${receiver.url}/ops`, event_types: ['alert.triggered'] })
      const spike = await api('POST', '/alert-rules', {
        name: 'Rejects',
        event_type: 'source.reject_rate',
        emails: ['quality@demo.test'],
        webhook: true,
        source_id: sourceId,
        window_minutes: 30,
        threshold_percent: 50,
        min_leads: 3,
      })
      assert.equal(spike.status, 201, JSON.stringify(spike.json))
      assert.equal(
        (
          await api('POST', '/alert-rules', {
            name: 'x',
            event_type: 'source.reject_rate',
            emails: ['a@b.co'],
          })
        ).status,
        400,
      )
      const silent = await api('POST', '/alert-rules', {
        name: 'Silence',
        event_type: 'source.silent',
        emails: ['quiet@demo.test'],
        source_id: sourceId,
        window_minutes: 10,
      })
      assert.equal(silent.status, 201)
      const store = createAlertConditionStore(t.lf.db)
      const evaluate = async () => {
        await evaluateConditions(store, clock)
        await t.lf.worker.drain()
      }
      const mails = (to: string) => smtp.messages.filter((m) => m.includes(to)).length

      clock.advance(60 * 60_000)
      for (let i = 0; i < 4; i++) await postLead({ Phone: `70255509${10 + i}` }) // no Email: rejected
      await evaluate()
      await evaluate()
      assert.equal(mails('quality@demo.test'), 1, 'one alert while the spike lasts')
      const alerts = hooks('/ops', 'alert.triggered').filter(
        (h) => (h.data.event as { type: string }).type === 'source.reject_rate',
      )
      assert.equal(alerts.length, 1)
      assert.equal((alerts[0]!.data.event as { data: Record<string, unknown> }).data.reject_percent, 100)
      assert.equal(mails('quiet@demo.test'), 0, 'the source posted within 10 minutes')

      clock.advance(31 * 60_000) // the spike's window is over; the source has been quiet 31 minutes
      await evaluate()
      await evaluate()
      assert.equal(mails('quiet@demo.test'), 1, 'one silence alert')
      const marks = await t.lf.db
        .selectFrom('alert_marks')
        .select('key')
        .where('key', 'like', 'rule:%')
        .execute()
      assert.deepEqual(
        marks.map((m) => m.key),
        [`rule:${silent.json.id}:source:${sourceId}`],
      )

      await postLead({ Email: 'back@example.com', Phone: '7025550990' })
      await evaluate()
      clock.advance(11 * 60_000)
      await evaluate()
      assert.equal(mails('quiet@demo.test'), 2, 'silent again after it posted: a new episode')
      assert.equal(mails('quality@demo.test'), 1)
    })
  })
}
