import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

const CONTRACT = {
  name: 'Nova — Auto CA',
  lid: 1,
  price_cents: 1999,
  pricing: 'fixed',
  exclusive: true,
  priority: 5,
  weight: 3,
  filters: [
    { op: 'state_in', values: ['CA'] },
    { op: 'present', field: 'Phone' },
  ],
  caps: [
    { period: 'day', count: 50 },
    { period: 'month', spendCents: 100000 },
  ],
  schedule: { timeZone: 'America/Los_Angeles', days: { mon: [['09:00', '17:00']] } },
  delivery: {
    kind: 'http',
    url: 'https://nova.example/leads',
    method: 'POST',
    format: 'json',
    timeoutMs: 3000,
  },
  return_policy: { windowDays: 5, autoApprove: true },
}

for (const kind of await dialectsUnderTest()) {
  describe(`native API: buyers and contracts [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, ...(payload ? { payload } : {}) })

    test('buyers: create, read, update, conflict on name, delete', async () => {
      const created = await call('POST', '/buyers', {
        name: 'Nova Leads',
        settings: { contact: 'ops@nova.example' },
      })
      assert.equal(created.statusCode, 201)
      const id = created.json().id
      assert.equal((await call('GET', `/buyers/${id}`)).json().settings.contact, 'ops@nova.example')
      assert.equal((await call('POST', '/buyers', { name: 'Nova Leads' })).statusCode, 409)
      assert.equal(
        (await call('PATCH', `/buyers/${id}`, { name: 'Acme Insurance' })).statusCode,
        409,
        'demo buyer name is taken',
      )
      const patched = await call('PATCH', `/buyers/${id}`, { status: 'disabled' })
      assert.deepEqual([patched.json().name, patched.json().status], ['Nova Leads', 'disabled'])
      assert.equal((await call('GET', '/buyers')).json().items.length, 3)
      assert.equal((await call('POST', '/buyers', { name: '' })).statusCode, 400)
      assert.equal((await call('DELETE', `/buyers/${id}`)).statusCode, 204)
      assert.equal((await call('GET', `/buyers/${id}`)).statusCode, 404)
    })

    test('contracts: every column round-trips, prices in cents and decimal', async () => {
      const buyer = (await call('POST', '/buyers', { name: 'Nova Two' })).json()
      const created = await call('POST', `/buyers/${buyer.id}/contracts`, CONTRACT)
      assert.equal(created.statusCode, 201)
      const c = created.json()
      assert.equal(c.buyer_id, buyer.id)
      assert.equal(c.lid, 1)
      assert.deepEqual(
        [c.price_cents, c.price, c.exclusive, c.priority, c.weight, c.status],
        [1999, 19.99, true, 5, 3, 'active'],
      )
      assert.deepEqual(c.filters, CONTRACT.filters)
      assert.deepEqual(c.caps, CONTRACT.caps)
      assert.deepEqual(c.schedule, CONTRACT.schedule)
      assert.deepEqual(c.delivery, CONTRACT.delivery)
      assert.deepEqual(c.return_policy, CONTRACT.return_policy)

      const fetched = await call('GET', `/contracts/${c.id}`)
      assert.deepEqual(fetched.json(), c)
      const ofBuyer = await call('GET', `/buyers/${buyer.id}/contracts`)
      assert.deepEqual(
        ofBuyer.json().items.map((x: { id: number }) => x.id),
        [c.id],
      )
      const filtered = await call('GET', `/contracts?buyer_id=${buyer.id}`)
      assert.equal(filtered.json().items.length, 1)

      const paused = await call('PATCH', `/contracts/${c.id}`, {
        status: 'paused',
        price_cents: 2500,
        pricing: 'bid',
      })
      assert.deepEqual(
        [paused.json().status, paused.json().price, paused.json().pricing],
        ['paused', 25, 'bid'],
      )
      assert.deepEqual(paused.json().filters, CONTRACT.filters, 'keys not sent are kept')

      assert.equal(
        (await call('POST', `/buyers/${buyer.id}/contracts`, CONTRACT)).statusCode,
        409,
        'name taken for this buyer',
      )
      assert.equal((await call('DELETE', `/contracts/${c.id}`)).statusCode, 204)
      assert.equal((await call('GET', `/contracts/${c.id}`)).statusCode, 404)
    })

    test('contract bodies are validated with paths', async () => {
      const buyer = (await call('POST', '/buyers', { name: 'Nova Three' })).json()
      const res = await call('POST', `/buyers/${buyer.id}/contracts`, {
        name: 'Bad',
        lid: 1,
        filters: [
          { op: 'like', field: 'Email' },
          { op: 'regex', field: 'Zip', pattern: '(' },
        ],
        caps: [{ period: 'day' }],
        schedule: { timeZone: 'Mars/Olympus', days: { funday: [] } },
        delivery: { kind: 'pigeon', url: 'ftp://x' },
        return_policy: { windowDays: -1 },
      })
      assert.equal(res.statusCode, 400)
      const paths = res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort()
      assert.deepEqual(paths, [
        'caps[0]',
        'delivery.kind',
        'delivery.url',
        'filters[0].op',
        'filters[1].pattern',
        'return_policy.windowDays',
        'schedule.days.funday',
        'schedule.timeZone',
      ])
      const typeless = await call('POST', `/buyers/${buyer.id}/contracts`, { name: 'NoType', lid: 77 })
      assert.equal(typeless.statusCode, 400)
      assert.deepEqual(typeless.json().error.details, [{ path: 'lid', message: 'no lead type with lid 77' }])
      const money = await call('POST', `/buyers/${buyer.id}/contracts`, {
        name: 'Float',
        lid: 1,
        price_cents: 12.5,
      })
      assert.equal(money.statusCode, 400, 'money is integer cents')
    })

    test('unknown buyers and contracts are 404', async () => {
      assert.equal((await call('POST', '/buyers/9999/contracts', CONTRACT)).statusCode, 404)
      assert.equal((await call('GET', '/buyers/9999/contracts')).statusCode, 404)
      assert.equal((await call('PATCH', '/contracts/9999', { status: 'off' })).statusCode, 404)
      assert.equal((await call('DELETE', '/contracts/9999')).statusCode, 404)
      assert.equal((await call('GET', '/contracts/abc')).statusCode, 400)
    })

    test('a buyer or contract that sold a lead cannot be deleted', async () => {
      const contract = (await call('GET', '/contracts')).json().items[0]
      const lead = await t.lf.db
        .insertInto('leads')
        .values({
          post_id: 'c0ffee00-0000-4000-8000-00000000b001',
          status: 'sold',
          raw_json: '{}',
          fields_json: '{}',
          price_cents: 2500,
          cost_cents: 0,
          is_test: 0,
          qc_rejected: 0,
          received_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await t.lf.db
        .insertInto('sales')
        .values({
          lead_id: lead.id,
          contract_id: contract.id,
          buyer_id: contract.buyer_id,
          event_id: 'e'.repeat(24),
          price_cents: 2500,
          state: 'sold',
          created_at: new Date().toISOString(),
        })
        .execute()
      assert.equal((await call('DELETE', `/contracts/${contract.id}`)).statusCode, 409)
      assert.equal((await call('DELETE', `/buyers/${contract.buyer_id}`)).statusCode, 409)
      const off = await call('PATCH', `/contracts/${contract.id}`, { status: 'off' })
      assert.equal(off.json().status, 'off')
    })
  })
}
