import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type BuyerServer, type Received, startBuyer } from '../../distribution/buyer-server.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

const LEAD = {
  fields: {
    FirstName: 'Ada',
    Email: 'ADA@Example.com',
    Phone: '(702) 555-0142',
    Zip: '89101',
    State: 'nv',
    Extra: 'kept',
  },
}

const DELIVERY = (url: string) => ({
  kind: 'http',
  url,
  method: 'POST',
  format: 'json',
  mapping: [
    { to: 'applicant.email', from: 'Email' },
    { to: 'applicant.phone', from: 'Phone', use: 'raw' },
    { to: 'ref', template: 'LF-{{lead_id}}-{{price}}' },
  ],
  headers: { 'X-Api-Key': 'key-123456', 'X-Ref': '{{event_id}}' },
  auth: { kind: 'basic', username: 'acme', password: 'pa55word' },
  timeoutMs: 10_000,
  response: {
    outcomeAt: 'json:result',
    accepted: 'ok',
    rejected: 'no',
    reason: 'json:message',
    price: 'json:price',
    buyerLeadId: 'json:id',
  },
})

/** Rows a real delivery would write; a test must leave every one of them as it was. */
async function footprint(t: TestApp) {
  const count = async (
    table: 'leads' | 'events' | 'sales' | 'cap_counters' | 'audit_log' | 'jobs' | 'ledger',
  ) =>
    Number(
      (
        await t.lf.db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const contract = await t.lf.db
    .selectFrom('contracts')
    .select(['consecutive_errors', 'status', 'delivery_json'])
    .where('name', '=', 'Test Buyer — Auto')
    .executeTakeFirstOrThrow()
  return {
    leads: await count('leads'),
    events: await count('events'),
    sales: await count('sales'),
    caps: await count('cap_counters'),
    audit: await count('audit_log'),
    jobs: await count('jobs'),
    ledger: await count('ledger'),
    contract,
  }
}

for (const kind of await dialectsUnderTest()) {
  describe(`POST /api/v1/contracts/test-delivery [${kind}]`, () => {
    let t: TestApp
    let buyer: BuyerServer
    let contractId: number
    let answer: (r: Received) => { status?: number; body?: Record<string, unknown> | string }

    before(async () => {
      t = await createTestApp(kind)
      answer = () => ({ body: { result: 'ok', id: 'B-77', price: '31.50', message: 'thanks' } })
      buyer = await startBuyer((r) => answer(r))
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/v1/buyers',
        headers: ADMIN,
        payload: { name: 'Test Buyer' },
      })
      const contract = await t.app.inject({
        method: 'POST',
        url: `/api/v1/buyers/${made.json().id}/contracts`,
        headers: ADMIN,
        payload: {
          name: 'Test Buyer — Auto',
          lid: 1,
          price_cents: 3000,
          caps: [{ period: 'day', count: 1 }],
          delivery: DELIVERY(`${buyer.url}/leads`),
        },
      })
      assert.equal(contract.statusCode, 201, contract.body)
      contractId = contract.json().id
    })
    after(async () => {
      await buyer?.close()
      await t?.close()
    })

    const send = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/contracts/test-delivery', headers: ADMIN, payload })

    test('a saved contract: the exact request reaches the buyer, the answer is parsed, nothing is recorded', async () => {
      const before = await footprint(t)
      const res = await send({ contract_id: contractId, lead: LEAD })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()

      assert.equal(buyer.received.length, 1)
      const got = buyer.received[0]!
      assert.equal(got.method, 'POST')
      assert.equal(got.url, '/leads')
      assert.deepEqual(JSON.parse(got.body), {
        applicant: { email: 'ada@example.com', phone: '(702) 555-0142' },
        ref: 'LF-0-30.00',
      })
      // The buyer gets the real credentials; the answer shows them masked, as an event would.
      assert.equal(got.headers.authorization, `Basic ${Buffer.from('acme:pa55word').toString('base64')}`)
      assert.equal(got.headers['x-api-key'], 'key-123456')
      assert.equal(got.headers['x-ref'], got.headers['x-leadflow-event-id'])
      assert.match(String(got.headers['idempotency-key']), /^lf-test-[0-9a-f]{24}$/)
      assert.equal(body.request.method, 'POST')
      assert.equal(body.request.url, `${buyer.url}/leads`)
      assert.equal(body.request.body, got.body)
      assert.doesNotMatch(JSON.stringify(body.request), /pa55word|key-123456/)

      assert.equal(body.response.status, 200)
      assert.match(body.response.body, /"result":"ok"/)
      assert.deepEqual(
        { ...body.outcome, duration_ms: 0 },
        {
          outcome: 'accepted',
          reason: 'thanks',
          status: 200,
          duration_ms: 0,
          price_cents: 3150,
          buyer_lead_id: 'B-77',
          redirect_url: '',
        },
      )
      assert.deepEqual(body.lead.problems, [])
      assert.deepEqual(await footprint(t), before)
    })

    test('a test does not take cap slots: the day cap of 1 still lets a second test through', async () => {
      const res = await send({ contract_id: contractId, lead: LEAD })
      assert.equal(res.json().outcome.outcome, 'accepted')
    })

    test('a draft over the saved contract: its keys win, the mask keeps the stored password', async () => {
      buyer.received.length = 0
      const draft = {
        ...DELIVERY(`${buyer.url}/v2`),
        format: 'form',
        mapping: [{ to: 'email', from: 'Email' }],
        auth: { kind: 'basic', username: 'acme', password: '********' },
        headers: { 'X-Api-Key': '********' },
      }
      const res = await send({ contract_id: contractId, contract: { delivery: draft }, lead: LEAD })
      assert.equal(res.statusCode, 200, res.body)
      const got = buyer.received[0]!
      assert.equal(got.url, '/v2')
      assert.equal(got.body, 'email=ada%40example.com')
      assert.equal(got.headers.authorization, `Basic ${Buffer.from('acme:pa55word').toString('base64')}`)
      assert.equal(got.headers['x-api-key'], 'key-123456')
    })

    test('an unsaved draft with its own lead type and price; lead problems are reported, not refused', async () => {
      answer = () => ({ status: 200, body: { result: 'no', message: 'not in area' } })
      const res = await send({
        contract: {
          lid: 1,
          price_cents: 1250,
          delivery: { kind: 'http', url: `${buyer.url}/new`, response: DELIVERY('').response },
        },
        lead: { fields: { Email: 'not-an-email', Zip: '89101' } },
      })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      assert.equal(body.outcome.outcome, 'rejected')
      assert.equal(body.outcome.reason, 'not in area')
      assert.deepEqual(
        body.lead.problems.map((p: { field: string; kind: string }) => `${p.field}:${p.kind}`).sort(),
        ['Email:invalid', 'Phone:missing'],
      )
    })

    test('a buyer error is shown as the outcome and does not count towards pausing the contract', async () => {
      answer = () => ({ status: 503, body: 'down for maintenance' })
      const before = await footprint(t)
      const res = await send({ contract_id: contractId, lead: LEAD })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().outcome.outcome, 'error')
      assert.equal(res.json().outcome.reason, 'HTTP 503')
      assert.equal(res.json().response.body, 'down for maintenance')
      assert.deepEqual(await footprint(t), before)
      answer = () => ({ body: { result: 'ok' } })
    })

    test('the outbound guard applies: a private address that is not allowed is refused', async () => {
      const res = await send({
        contract: { lid: 1, delivery: { kind: 'http', url: 'http://10.255.255.1:9/leads', timeoutMs: 2000 } },
        lead: LEAD,
      })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().outcome.outcome, 'error')
      assert.match(res.json().outcome.reason, /private|not allowed/i)
      assert.equal(res.json().response, null)
    })

    test('an invalid draft is 400 with the path of each problem, and nothing is sent', async () => {
      buyer.received.length = 0
      const res = await send({
        contract: { lid: 1, delivery: { kind: 'http', url: 'ftp://nope', format: 'yaml' } },
        lead: LEAD,
      })
      assert.equal(res.statusCode, 400)
      assert.equal(res.json().error.code, 'LF_VALIDATION')
      const paths = res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort()
      assert.deepEqual(paths, ['delivery.format', 'delivery.url'])
      assert.equal(buyer.received.length, 0)
    })

    test('neither contract nor contract_id, an unknown contract, a call-queue delivery', async () => {
      assert.equal((await send({ lead: LEAD })).statusCode, 400)
      assert.equal((await send({ contract_id: 999_999, lead: LEAD })).statusCode, 404)
      const queue = await send({
        contract: { lid: 1, delivery: { kind: 'call_queue', type: 'x', subtype: 'y' } },
        lead: LEAD,
      })
      assert.equal(queue.statusCode, 400, queue.body)
      assert.equal(queue.json().error.details[0].path, 'delivery.kind')
    })

    test('an analyst (config:read only) may not send a test lead', async () => {
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'analyst@demo.test', password: 'demo' },
      })
      const cookie = signIn.cookies.find((c) => c.name === 'lf_session')!
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contracts/test-delivery',
        headers: { cookie: `lf_session=${cookie.value}`, 'x-csrf-token': signIn.json().csrf_token },
        payload: { contract_id: contractId, lead: LEAD },
      })
      assert.equal(res.statusCode, 403)
    })
  })
}
