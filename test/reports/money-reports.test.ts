import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { Clock } from '../../src/core/ports.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { sellDemoLead } from '../helpers/sales-fixture.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * Every report total against the ledger, to the cent, across New York's 2026 spring-forward
 * (2026-03-08 07:00 UTC) and the UTC/New York day boundary (docs/reports.md).
 */
let current = new Date('2026-03-10T12:00:00Z')
const clock: Clock = { now: () => current }

const SOLD_AT = [
  '2026-03-08T04:30:00.000Z', // NY 03-07 23:30 EST: UTC day 03-08, NY day 03-07
  '2026-03-08T06:30:00.000Z', // NY 03-08 01:30 EST
  '2026-03-08T07:30:00.000Z', // NY 03-08 03:30 EDT (02:00–03:00 never happened)
  '2026-03-09T03:30:00.000Z', // NY 03-08 23:30 EDT: UTC day 03-09
  '2026-03-09T04:30:00.000Z', // NY 03-09 00:30 EDT
]

for (const kind of await dialectsUnderTest()) {
  describe(`reports reconcile with the ledger [${kind}]`, () => {
    let t: TestApp
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      return res
    }
    before(async () => {
      t = await createTestApp(kind, { clock })
      const sold = []
      for (const at of SOLD_AT) sold.push(await sellDemoLead(t.lf, { soldAt: new Date(at), costCents: 700 }))
      // A multi-sell: the first lead also goes to the second buyer.
      const [first, second, third, fourth] = sold as [
        (typeof sold)[0],
        (typeof sold)[0],
        (typeof sold)[0],
        (typeof sold)[0],
      ]
      await sellDemoLead(t.lf, {
        leadId: first.leadId,
        buyer: 'zenith',
        soldAt: new Date(SOLD_AT[0] as string),
      })
      await sourceCost(t, first.leadId, 700, SOLD_AT[0] as string)
      // Returns through the API: one credited, one replaced, one queued then rejected.
      current = new Date('2026-03-09T05:15:00Z')
      await returnLead(t, second.leadId, 'approve_for_credit')
      await returnLead(t, third.leadId, 'approve_to_replace')
      const queued = await returnLead(t, fourth.leadId, 'submit_for_approval')
      current = new Date('2026-03-09T06:15:00Z')
      const rejected = await t.app.inject({
        method: 'POST',
        url: `/api/v1/returns/${queued}/reject`,
        headers: ADMIN,
        payload: { denied_reason_id: 5 },
      })
      assert.equal(rejected.statusCode, 200, rejected.body)
      // The replacement, sold at 0; a conversion; a manual adjustment.
      await replacementSale(t, third.saleId, '2026-03-09T08:00:00.000Z')
      await t.lf.db
        .insertInto('conversions')
        .values({
          sale_id: first.saleId,
          lead_id: first.leadId,
          buyer_id: first.buyerId,
          amount_cents: 12_345,
          event_id: null,
          created_at: '2026-03-08T06:00:00.000Z',
        })
        .execute()
      const adj = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ledger/entries',
        headers: ADMIN,
        payload: {
          account_kind: 'buyer',
          account_id: first.buyerId,
          entry: 'adjustment',
          amount_cents: -150,
          reason: 'goodwill',
        },
      })
      assert.equal(adj.statusCode, 201, adj.body)
      // Intake outcomes: a duplicate, a bad post, a QC hold later approved.
      await lead(t, 'rejected', 'Duplicate_Lead', '2026-03-08T05:00:00.000Z')
      await lead(t, 'rejected', 'Invalid_Data', '2026-03-08T05:10:00.000Z')
      const held = await lead(t, 'pending_qc', 'No_Error', '2026-03-08T05:20:00.000Z')
      await t.lf.db.updateTable('leads').set({ status: 'accepted' }).where('id', '=', held).execute()
      // Test traffic: sold and credited, never in a report unless asked.
      const testLead = await lead(t, 'sold', 'No_Error', '2026-03-08T08:00:00.000Z', 1)
      await sellDemoLead(t.lf, { leadId: testLead, soldAt: new Date('2026-03-08T08:00:00.000Z') })
      current = new Date('2026-03-10T12:00:00Z')
    })
    after(() => t.close())

    test('totals equal the ledger and the lead table, test traffic excluded', async () => {
      const body = (
        await get('/api/v1/reports/pnl?from=2026-03-01&to=2026-03-11&time_zone=America/New_York')
      ).json()
      const m = body.totals
      const ledger = await ledgerSums(t, false)
      assert.equal(m.revenue_cents, ledger['buyer:sale'])
      assert.equal(m.credits_cents, 0 - (ledger['buyer:credit'] ?? 0))
      assert.equal(m.buyer_adjustments_cents, ledger['buyer:adjustment'])
      assert.equal(m.source_cost_cents, ledger['source:source_cost'])
      assert.equal(m.net_revenue_cents, m.revenue_cents - m.credits_cents + m.buyer_adjustments_cents)
      assert.equal(m.margin_cents, m.revenue_cents - m.source_cost_cents)
      assert.equal(m.sends, 7) // 5 + multi-sell + replacement
      assert.equal(m.replacements, 1)
      assert.equal(m.returns_requested, 3)
      assert.equal(m.returns_credited, 1)
      assert.equal(m.returns_replaced, 1)
      assert.equal(m.returns_rejected, 1)
      assert.equal(m.conversions, 1)
      assert.equal(m.conversion_value_cents, 12_345)
      assert.equal(m.posted, 9) // 5 sold, 2 rejected, 1 held, the replacement's lead
      assert.equal(m.rejected, 2)
      assert.equal(m.duplicates, 1)
      assert.deepEqual(m.rejected_by_reason, { Duplicate_Lead: 1, Invalid_Data: 1 })
      assert.equal(m.accepted, 7)
      assert.equal(m.held_qc, 1)
      assert.equal(m.sold, 6) // sold or returned (credited and replaced leads were sold)
      const withTest = (
        await get('/api/v1/reports/pnl?from=2026-03-01&to=2026-03-11&include_test=true')
      ).json()
      assert.equal(withTest.totals.revenue_cents, (await ledgerSums(t, true))['buyer:sale'])
      assert.equal(withTest.totals.posted, 10)
    })

    test('days follow the time zone across the spring-forward, each reconciling with the ledger', async () => {
      const ny = (
        await get('/api/v1/reports/pnl?from=2026-03-07&to=2026-03-10&time_zone=America/New_York')
      ).json()
      const sends = Object.fromEntries(
        ny.rows.map((r: { bucket: string; sends: number }) => [r.bucket, r.sends]),
      )
      assert.deepEqual(sends, { '2026-03-07': 2, '2026-03-08': 3, '2026-03-09': 2 })
      const starts = ny.rows.map((r: { bucket_start: string }) => r.bucket_start)
      assert.deepEqual(starts, [
        '2026-03-07T05:00:00.000Z',
        '2026-03-08T05:00:00.000Z',
        '2026-03-09T04:00:00.000Z',
      ])
      for (const [i, row] of ny.rows.entries()) {
        const end = starts[i + 1] ?? '2026-03-10T04:00:00.000Z'
        const sums = await ledgerSums(t, false, row.bucket_start, end)
        assert.equal(row.revenue_cents, sums['buyer:sale'] ?? 0, row.bucket)
        assert.equal(row.credits_cents, 0 - (sums['buyer:credit'] ?? 0), row.bucket)
      }
      const utc = (await get('/api/v1/reports/pnl?from=2026-03-07&to=2026-03-10')).json()
      const utcSends = Object.fromEntries(
        utc.rows.map((r: { bucket: string; sends: number }) => [r.bucket, r.sends]),
      )
      assert.deepEqual(utcSends, { '2026-03-08': 4, '2026-03-09': 3 })
      const hours = (
        await get('/api/v1/reports/pnl?from=2026-03-08&to=2026-03-09&time_zone=America/New_York&bucket=hour')
      ).json()
      assert.ok(!hours.rows.some((r: { bucket: string }) => r.bucket === '2026-03-08 02:00'))
      assert.ok(hours.rows.some((r: { bucket: string }) => r.bucket === '2026-03-08 03:00'))
    })

    test('grouped by buyer, the groups add up to the totals; CSV is escaped', async () => {
      await t.lf.db
        .updateTable('buyers')
        .set({ name: '=HYPERLINK("x")' })
        .where('name', '=', 'Zenith Leads')
        .execute()
      const q = '/api/v1/reports/pnl?from=2026-03-01&to=2026-03-11&bucket=all&group_by=buyer'
      const body = (await get(q)).json()
      const sum = body.rows.reduce((a: number, r: { revenue_cents: number }) => a + r.revenue_cents, 0)
      assert.equal(sum, body.totals.revenue_cents)
      const csv = await get(`${q}&format=csv`)
      assert.match(String(csv.headers['content-type']), /text\/csv/)
      assert.match(csv.body, /^bucket,bucket_start,buyer_id,buyer_name,posted/)
      assert.match(csv.body, /'=HYPERLINK/)
      const viaAccept = await t.app.inject({
        method: 'GET',
        url: q,
        headers: { ...ADMIN, accept: 'text/csv' },
      })
      assert.equal(viaAccept.body, csv.body)
    })

    test('the conversions report no longer counts a credited sale', async () => {
      const body = (
        await get('/api/v1/reports/conversions?by=buyer&from=2026-03-01T00:00:00Z&to=2026-03-11T00:00:00Z')
      ).json()
      const revenue = body.items.reduce((a: number, r: { revenue_cents: number }) => a + r.revenue_cents, 0)
      const ledger = await ledgerSums(t, false)
      assert.equal(revenue, ledger['buyer:sale'] + (ledger['buyer:credit'] ?? 0))
    })

    test('ledger API: list, CSV, balance', async () => {
      const list = (await get('/api/v1/ledger?account_kind=buyer&entry=adjustment')).json()
      assert.equal(list.items.length, 1)
      assert.equal(list.items[0].memo, 'goodwill')
      const csv = await get('/api/v1/ledger?format=csv')
      const rows = await t.lf.db.selectFrom('ledger').select('id').execute()
      assert.equal(csv.body.trim().split('\n').length, rows.length + 1)
      const buyerId = list.items[0].account_id
      const balance = (await get(`/api/v1/ledger/balances/buyer/${buyerId}`)).json()
      const all = await t.lf.db
        .selectFrom('ledger')
        .select('amount_cents')
        .where('account_kind', '=', 'buyer')
        .where('account_id', '=', buyerId)
        .execute()
      assert.equal(
        balance.balance_cents,
        all.reduce((a, r) => a + Number(r.amount_cents), 0),
      )
      const missing = await t.app.inject({
        method: 'GET',
        url: '/api/v1/ledger/balances/buyer/999999',
        headers: ADMIN,
      })
      assert.equal(missing.statusCode, 404)
    })

    test('lead export streams every lead as CSV or JSON', async () => {
      const count = (await t.lf.db.selectFrom('leads').select('id').execute()).length
      const csv = await get('/api/v1/exports/leads?format=csv')
      assert.equal(csv.body.trim().split('\n').length, count + 1)
      const json = (await get('/api/v1/exports/leads')).json()
      assert.equal(json.items.length, count)
      const rejected = (await get('/api/v1/exports/leads?status=rejected')).json()
      assert.equal(rejected.items.length, 2)
    })
  })
}

async function returnLead(t: TestApp, leadId: number, returnType: string): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/returns',
    headers: ADMIN,
    payload: { lead_id: String(leadId), return_type: returnType, return_reason_id: 1 },
  })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id
}

async function sourceCost(t: TestApp, leadId: number, cents: number, at: string) {
  const lead = await t.lf.db
    .selectFrom('leads')
    .select('source_id')
    .where('id', '=', leadId)
    .executeTakeFirstOrThrow()
  await t.lf.db
    .insertInto('ledger')
    .values({
      account_kind: 'source',
      account_id: lead.source_id as number,
      lead_id: leadId,
      sale_id: null,
      entry: 'source_cost',
      amount_cents: cents,
      memo: null,
      created_at: at,
    })
    .execute()
}

async function replacementSale(t: TestApp, originalSaleId: number, at: string) {
  const original = await t.lf.db
    .selectFrom('sales')
    .selectAll()
    .where('id', '=', originalSaleId)
    .executeTakeFirstOrThrow()
  const leadId = await lead(t, 'sold', 'No_Error', at)
  const sale = await t.lf.db
    .insertInto('sales')
    .values({
      lead_id: leadId,
      contract_id: original.contract_id,
      buyer_id: original.buyer_id,
      event_id: randomUUID(),
      price_cents: 0,
      state: 'sold',
      replacement_for_sale_id: originalSaleId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.lf.db
    .insertInto('ledger')
    .values({
      account_kind: 'buyer',
      account_id: original.buyer_id,
      lead_id: leadId,
      sale_id: sale.id,
      entry: 'sale',
      amount_cents: 0,
      memo: 'replacement',
      created_at: at,
    })
    .execute()
}

async function lead(
  t: TestApp,
  status: string,
  responseType: string,
  at: string,
  isTest = 0,
): Promise<number> {
  const row = await t.lf.db
    .insertInto('leads')
    .values({
      post_id: randomUUID(),
      source_id: 1,
      lead_type_id: 1,
      status,
      response_type: responseType,
      fields_json: JSON.stringify({ State: 'ny' }),
      pending_qc: status === 'pending_qc' ? 1 : 0,
      is_test: isTest,
      received_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Ledger sums by `kind:entry`, for rows in [from, to), of non-test leads unless `withTest`. */
async function ledgerSums(t: TestApp, withTest: boolean, from = '2000', to = '3000') {
  const rows = await t.lf.db
    .selectFrom('ledger as g')
    .leftJoin('leads as l', 'l.id', 'g.lead_id')
    .select(['g.account_kind', 'g.entry', 'g.amount_cents', 'l.is_test'])
    .where('g.created_at', '>=', from)
    .where('g.created_at', '<', to)
    .execute()
  const out: Record<string, number> = {}
  for (const r of rows) {
    if (!withTest && r.is_test === 1) continue
    const k = `${r.account_kind}:${r.entry}`
    out[k] = (out[k] ?? 0) + Number(r.amount_cents)
  }
  return out
}
