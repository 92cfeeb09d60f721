import assert from 'node:assert/strict'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { type BuyerServer, type Received, startBuyer } from '../distribution/buyer-server.js'
import { addContract, demoIds, insertLead, JSON_RULES, onlyTestBuyers } from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { startSmtp, type TestSmtp } from '../helpers/smtp-server.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * An independent reading of the Standard Webhooks specification (not leadflow's signer): HMAC-SHA256
 * keyed with the base64 bytes after `whsec_`, over "id.timestamp.body", compared in constant time
 * with each space-separated `v1,` signature; a timestamp more than 5 minutes from `now` is refused.
 */
function verify(secret: string, headers: Received['headers'], body: string, now: Date): boolean {
  const id = String(headers['webhook-id'] ?? '')
  const timestamp = String(headers['webhook-timestamp'] ?? '')
  const signatures = String(headers['webhook-signature'] ?? '').split(' ')
  if (!id || !/^\d+$/.test(timestamp)) return false
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > 300) return false
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest()
  return signatures.some((s) => {
    const [version, value] = s.split(',')
    const given = Buffer.from(value ?? '', 'base64')
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
  })
}

/** A clock the test moves: retries fall due when it says so, never after real waiting. */
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

for (const kind of await dialectsUnderTest()) {
  describe(`webhooks and alerts [${kind}]`, () => {
    let t: TestApp
    let smtp: TestSmtp
    let receiver: BuyerServer
    let failingBuyer: BuyerServer
    let goodBuyer: BuyerServer
    const clock = manualClock()
    before(async () => {
      smtp = await startSmtp()
      receiver = await startBuyer(() => ({ status: 204, body: '' }))
      failingBuyer = await startBuyer(() => ({ status: 500, body: 'boom' }))
      goodBuyer = await startBuyer(() => ({ body: { status: 'accepted' } }))
      t = await createTestApp(kind, {
        clock,
        config: {
          smtpUrl: smtp.url,
          mailFrom: 'leadflow <lf@test>',
          webhookDisableFailures: 3,
          webhookDisableHours: 1,
        },
      })
    })
    after(async () => {
      await t.close()
      await Promise.all([smtp.close(), receiver.close(), failingBuyer.close(), goodBuyer.close()])
    })

    const api = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, payload })
      return { status: res.statusCode, json: res.body ? res.json() : null }
    }
    const received = (type: string) => receiver.received.filter((r) => bodyOf(r).type === type)

    test('done when: a contract auto-paused by a failing buyer emails an alert and sends a verified contract.paused webhook', async () => {
      await onlyTestBuyers(t.lf)
      const { contractId, buyerId } = await addContract(t.lf, {
        buyer: 'Failing buyer',
        settings: { autoPauseAfter: 2 },
        delivery: { url: failingBuyer.url, response: JSON_RULES },
      })
      const other = await addContract(t.lf, { buyer: 'Other buyer', delivery: { url: goodBuyer.url } })
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'off' })
        .where('id', '=', other.contractId)
        .execute()

      const endpoint = await api('POST', '/webhooks', {
        url: `${receiver.url}/hooks`,
        event_types: ['contract.paused', 'alert.triggered'],
        description: 'operations',
      })
      assert.equal(endpoint.status, 201)
      const secret = endpoint.json.secret as string
      assert.match(secret, /^whsec_[A-Za-z0-9+/=]+$/)
      // Another buyer's endpoint never hears of this buyer's contract.
      const foreign = await api('POST', '/webhooks', {
        url: `${receiver.url}/foreign`,
        event_types: ['contract.paused'],
        buyer_id: other.buyerId,
      })
      assert.equal(foreign.status, 201)
      const listed = await api('GET', '/webhooks')
      assert.ok(
        listed.json.items.every((e: Record<string, unknown>) => !('secret' in e)),
        'secrets are never listed',
      )

      const rule = await api('POST', '/alert-rules', {
        name: 'Contract paused',
        event_type: 'contract.paused',
        emails: ['ops@demo.test'],
        webhook: true,
      })
      assert.equal(rule.status, 201)

      for (let i = 0; i < 2; i++)
        await t.services.distribution.distribute(await insertLead(t.lf, { Email: `fail${i}@example.com` }))
      await t.lf.worker.drain()

      const contract = await t.lf.db
        .selectFrom('contracts')
        .select('status')
        .where('id', '=', contractId)
        .executeTakeFirstOrThrow()
      assert.equal(contract.status, 'paused')

      // The alert email reached the local SMTP server.
      const mail = smtp.messages.find((m) => m.includes('ops@demo.test'))
      assert.ok(mail, 'the alert email was received')
      assert.match(mail, /Subject: \[leadflow\] Contract paused: contract\.paused/)
      assert.match(mail.replace(/=\r\n/g, ''), /Failing buyer/)

      // The contract.paused webhook, verified independently.
      const paused = received('contract.paused')
      assert.equal(paused.length, 1, 'one contract.paused delivery, none to the foreign endpoint')
      const hook = paused[0]!
      assert.equal(hook.url, '/hooks')
      assert.equal(hook.headers['content-type'], 'application/json')
      assert.ok(verify(secret, hook.headers, hook.body, clock.now()), 'the signature verifies')
      assert.ok(
        !verify(
          `whsec_${Buffer.from('not the secret').toString('base64')}`,
          hook.headers,
          hook.body,
          clock.now(),
        ),
      )
      assert.ok(
        !verify(secret, hook.headers, hook.body, new Date(clock.now().getTime() + 6 * 60_000)),
        'stale',
      )
      assert.ok(
        !verify(secret, hook.headers, hook.body.replace('Failing', 'Forged'), clock.now()),
        'tampered',
      )
      const payload = bodyOf(hook)
      assert.equal(payload.data.contract_id, contractId)
      assert.equal(payload.data.buyer_id, buyerId)
      assert.match(String(payload.data.reason), /2 consecutive delivery errors.*HTTP 500/)
      assert.equal(Date.parse(payload.timestamp), clock.now().getTime())
      const alert = received('alert.triggered')
      assert.equal(alert.length, 1)
      assert.equal((bodyOf(alert[0]!).data.event as { type: string }).type, 'contract.paused')
      assert.ok(verify(secret, alert[0]!.headers, alert[0]!.body, clock.now()))

      // The delivery log, and a replay with the same webhook-id and a fresh signature.
      const log = await api('GET', `/webhooks/${endpoint.json.id}/deliveries`)
      assert.equal(log.status, 200)
      const delivery = log.json.items.find((d: { event_type: string }) => d.event_type === 'contract.paused')
      assert.equal(delivery.status, 'succeeded')
      assert.equal(delivery.log.length, 1)
      assert.equal(delivery.log[0].status_code, 204)
      const replay = await api('POST', `/webhooks/${endpoint.json.id}/deliveries/${delivery.id}/replay`)
      assert.equal(replay.status, 202)
      await t.lf.worker.drain()
      const again = received('contract.paused')
      assert.equal(again.length, 2)
      assert.equal(again[1]!.headers['webhook-id'], hook.headers['webhook-id'])
      assert.equal(again[1]!.body, hook.body)
      assert.ok(verify(secret, again[1]!.headers, again[1]!.body, clock.now()))
      const foreignLog = await api('GET', `/webhooks/${foreign.json.id}/deliveries`)
      assert.deepEqual(foreignLog.json.items, [])
      assert.equal(
        (await api('POST', `/webhooks/${foreign.json.id}/deliveries/${delivery.id}/replay`)).status,
        404,
      )
    })

    test('partner scoping: a buyer endpoint and a source endpoint each see their side of lead.sold only', async () => {
      await onlyTestBuyers(t.lf)
      const sold = await addContract(t.lf, {
        buyer: 'Seller of leads',
        priceCents: 1500,
        delivery: { url: goodBuyer.url, response: JSON_RULES },
      })
      const bystander = await addContract(t.lf, { buyer: 'Bystander', delivery: { url: goodBuyer.url } })
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'off' })
        .where('id', '=', bystander.contractId)
        .execute()
      const { sourceId } = await demoIds(t.lf)
      const make = async (path: string, owner: object) =>
        (
          await api('POST', '/webhooks', {
            url: `${receiver.url}${path}`,
            event_types: ['lead.sold'],
            ...owner,
          })
        ).json
      await make('/buyer', { buyer_id: sold.buyerId })
      await make('/bystander', { buyer_id: bystander.buyerId })
      await make('/source', { source_id: sourceId })
      assert.equal(
        (
          await api('POST', '/webhooks', {
            url: `${receiver.url}/x`,
            event_types: ['lead.sold'],
            buyer_id: 999999,
          })
        ).status,
        400,
      )
      const leadId = await insertLead(t.lf, { Email: 'scoped@example.com' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true)
      await t.lf.worker.drain()
      const soldHooks = received('lead.sold').filter((r) => bodyOf(r).data.lead_id === leadId)
      const byPath = new Map(soldHooks.map((r) => [r.url, bodyOf(r).data]))
      assert.deepEqual([...byPath.keys()].sort(), ['/buyer', '/source'])
      assert.equal(byPath.get('/buyer')!.buyer_id, sold.buyerId)
      assert.equal(byPath.get('/buyer')!.source_id, undefined, 'a buyer does not learn the source')
      assert.equal(byPath.get('/source')!.buyer_id, undefined, 'a seller does not learn the buyer')
      assert.equal(byPath.get('/source')!.price_cents, undefined)
      assert.equal(typeof byPath.get('/source')!.source_price_cents, 'number')
    })

    test('rotation: both secrets sign during the grace period', async () => {
      await onlyTestBuyers(t.lf)
      await addContract(t.lf, {
        buyer: 'Rotation buyer',
        delivery: { url: goodBuyer.url, response: JSON_RULES },
      })
      const created = (
        await api('POST', '/webhooks', { url: `${receiver.url}/rotated`, event_types: ['lead.sold'] })
      ).json
      const rotated = await api('POST', `/webhooks/${created.id}/rotate-secret`)
      assert.equal(rotated.status, 200)
      assert.notEqual(rotated.json.secret, created.secret)
      const leadId = await insertLead(t.lf, { Email: 'rotation@example.com' })
      await t.services.distribution.distribute(leadId)
      await t.lf.worker.drain()
      const hook = receiver.received.find((r) => r.url === '/rotated' && bodyOf(r).data.lead_id === leadId)
      assert.ok(hook)
      assert.equal(String(hook.headers['webhook-signature']).split(' ').length, 2)
      assert.ok(verify(rotated.json.secret, hook.headers, hook.body, clock.now()))
      assert.ok(verify(created.secret, hook.headers, hook.body, clock.now()))
    })

    test('a failing endpoint is retried on the schedule and disabled after sustained failure', async () => {
      await onlyTestBuyers(t.lf)
      await addContract(t.lf, {
        buyer: 'Retry buyer',
        delivery: { url: goodBuyer.url, response: JSON_RULES },
      })
      const down = await startBuyer(() => ({ status: 503, body: 'down' }))
      try {
        const created = (await api('POST', '/webhooks', { url: down.url, event_types: ['lead.sold'] })).json
        await t.services.distribution.distribute(await insertLead(t.lf, { Email: 'retry@example.com' }))
        await t.lf.worker.drain()
        assert.equal(down.received.length, 1, 'the next attempt is not due yet')
        for (let i = 0; i < 2; i++) {
          clock.advance(2 * 3_600_000)
          await t.lf.worker.drain()
        }
        assert.equal(down.received.length, 3)
        const endpoint = (await api('GET', `/webhooks/${created.id}`)).json
        assert.equal(endpoint.enabled, false)
        assert.match(endpoint.disabled_reason, /3 failed attempts in a row/)
        clock.advance(2 * 3_600_000)
        await t.lf.worker.drain()
        assert.equal(down.received.length, 3, 'a disabled endpoint gets nothing more')
        const log = (await api('GET', `/webhooks/${created.id}/deliveries`)).json.items
        assert.equal(log.length, 1)
        assert.equal(log[0].status, 'skipped')
        assert.deepEqual(
          log[0].log.map((a: { status_code: number }) => a.status_code),
          [503, 503, 503],
        )
        const enabled = await api('PATCH', `/webhooks/${created.id}`, { enabled: true })
        assert.equal(enabled.json.enabled, true)
        assert.equal(enabled.json.consecutive_failures, 0)
      } finally {
        await down.close()
      }
    })

    test('an alert rule is changed in place: kept keys stay, null clears, a bad change writes nothing', async () => {
      const created = await api('POST', '/alert-rules', {
        name: 'Rejects',
        event_type: 'source.reject_rate',
        source_id: 1,
        window_minutes: 30,
        threshold_percent: 50,
        emails: ['quality@example.com'],
      })
      assert.equal(created.status, 201)
      const id = created.json.id
      const changed = await api('PATCH', `/alert-rules/${id}`, {
        name: 'Rejects, any source',
        source_id: null,
        threshold_percent: 70,
        enabled: false,
      })
      assert.equal(changed.status, 200)
      assert.deepEqual(
        { ...changed.json, created_at: undefined },
        {
          id,
          name: 'Rejects, any source',
          event_type: 'source.reject_rate',
          emails: ['quality@example.com'],
          webhook: false,
          enabled: false,
          source_id: null,
          window_minutes: 30,
          threshold_percent: 70,
          min_leads: 10,
          created_at: undefined,
        },
      )
      // Over the bound: refused on its field; a rule left without a target: refused; nothing written.
      const tooHigh = await api('PATCH', `/alert-rules/${id}`, { threshold_percent: 150 })
      assert.equal(tooHigh.status, 400)
      assert.equal(tooHigh.json.error.details[0].instancePath, '/threshold_percent')
      const noTarget = await api('PATCH', `/alert-rules/${id}`, { emails: [] })
      assert.equal(noTarget.status, 400)
      assert.equal(noTarget.json.error.code, 'LF_VALIDATION')
      // Turned into an event rule, the condition goes; given one, it is refused.
      const refused = await api('PATCH', `/alert-rules/${id}`, {
        event_type: 'cap.reached',
        window_minutes: 5,
      })
      assert.equal(refused.status, 400)
      const event = await api('PATCH', `/alert-rules/${id}`, { event_type: 'cap.reached' })
      assert.equal(event.status, 200)
      assert.deepEqual(
        [event.json.window_minutes, event.json.threshold_percent, event.json.min_leads],
        [null, null, null],
      )
      const listed = (await api('GET', '/alert-rules')).json.items.find((r: { id: number }) => r.id === id)
      assert.equal(listed.name, 'Rejects, any source')
      assert.equal(listed.event_type, 'cap.reached')
      assert.equal((await api('PATCH', '/alert-rules/999999', { enabled: true })).status, 404)
      assert.equal((await api('DELETE', `/alert-rules/${id}`)).status, 204)
    })
  })
}
