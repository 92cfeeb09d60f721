import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

const base = Date.parse('2026-11-01T00:00:00.000Z')
const at = (hours: number) => new Date(base + hours * 3_600_000).toISOString()

for (const kind of await dialectsUnderTest()) {
  describe(`native API: leads [${kind}]`, () => {
    let t: TestApp
    const leadIds: number[] = []
    let otherSourceId = 0

    async function insertLead(
      n: number,
      sourceId: number,
      leadTypeId: number | null,
      status: string,
      receivedAt: string,
    ) {
      const row = await t.lf.db
        .insertInto('leads')
        .values({
          post_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          source_id: sourceId,
          lead_type_id: leadTypeId,
          status,
          mode: 'general',
          raw_json: JSON.stringify({ email: `lead${n}@example.com`, phone: '(555) 010-0000' }),
          fields_json: JSON.stringify({ Email: `lead${n}@example.com`, Phone: '+15550100000' }),
          price_cents: n * 100 + 5,
          cost_cents: n * 80,
          is_test: 0,
          qc_rejected: 0,
          received_at: receivedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }

    before(async () => {
      t = await createTestApp(kind)
      const source = await t.lf.db
        .selectFrom('sources')
        .select('id')
        .where('vid', '=', 1)
        .executeTakeFirstOrThrow()
      const type = await t.lf.db
        .selectFrom('lead_types')
        .select('id')
        .where('lid', '=', 1)
        .executeTakeFirstOrThrow()
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: ADMIN,
        payload: { vid: 7, name: 'Seven' },
      })
      otherSourceId = created.json().id
      // 12 leads from source 1, an hour apart; two share a timestamp so the cursor's id tiebreak matters.
      for (let n = 1; n <= 12; n++) {
        leadIds.push(
          await insertLead(n, source.id, type.id, n % 3 === 0 ? 'sold' : 'accepted', at(n === 12 ? 11 : n)),
        )
      }
      leadIds.push(await insertLead(13, otherSourceId, null, 'rejected', at(20)))
    })
    after(() => t.close())

    const list = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/leads${query}`, headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as {
        items: { id: number; price: number; vid: number; lid: number | null }[]
        total: number
        next_cursor: string | null
      }
    }

    test('lists newest first with totals and decimal prices', async () => {
      const page = await list('')
      assert.equal(page.total, 13)
      assert.equal(page.items[0]!.id, leadIds[12])
      assert.equal(page.items[0]!.vid, 7)
      assert.equal(page.items[0]!.lid, null)
      const first = page.items.find((l) => l.id === leadIds[0])!
      assert.equal(first.price, 1.05)
      assert.equal(page.next_cursor, null)
    })

    test('cursor pagination visits every lead once, in order', async () => {
      const seen: number[] = []
      let cursor = ''
      for (let guard = 0; guard < 10; guard++) {
        const page = await list(`?limit=5${cursor ? `&cursor=${cursor}` : ''}`)
        assert.equal(page.total, 13)
        seen.push(...page.items.map((l) => l.id))
        if (!page.next_cursor) break
        cursor = page.next_cursor
      }
      assert.equal(seen.length, 13)
      assert.equal(new Set(seen).size, 13)
      const all = (await list('?limit=500')).items.map((l) => l.id)
      assert.deepEqual(seen, all)
    })

    test('filters by time, source, lead type and status', async () => {
      assert.equal((await list(`?from=${at(10)}`)).total, 4) // hours 10, 11, 11, 20
      assert.equal((await list(`?from=${at(2)}&to=${at(4)}`)).total, 2)
      assert.equal((await list('?from=2026-11-01&to=2026-11-02')).total, 13)
      assert.equal((await list('?vid=7')).total, 1)
      assert.equal((await list('?vid=1&status=sold')).total, 4)
      assert.equal((await list('?lid=1')).total, 12)
      assert.equal((await list('?lid=2')).total, 0)
    })

    test('bad queries are 400', async () => {
      for (const query of [
        '?limit=0',
        '?limit=501',
        '?from=yesterday',
        '?cursor=bm9wZQ',
        '?vid=abc',
        '?colour=red',
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/leads${query}`, headers: ADMIN })
        assert.equal(res.statusCode, 400, query)
        assert.match(res.json().error.code, /^LF_(VALIDATION|BAD_REQUEST)$/)
      }
    })

    test('the lead detail has fields, raw, prices, ordered events and sales with their event ids', async () => {
      const id = leadIds[2]!
      const contract = await t.lf.db
        .selectFrom('contracts')
        .select(['id', 'buyer_id'])
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const events = [
        { id: 'a'.repeat(24), kind: 'intake', step: 'accept', outcome: 'success', started_at: at(3) },
        {
          id: 'c'.repeat(24),
          kind: 'post',
          step: 'deliver',
          outcome: 'success',
          started_at: '2026-11-01T03:00:00.500Z',
        },
        {
          id: 'b'.repeat(24),
          kind: 'filter',
          step: 'eligibility',
          outcome: 'success',
          started_at: '2026-11-01T03:00:00.100Z',
        },
      ]
      for (const e of events) {
        await t.lf.db
          .insertInto('events')
          .values({
            ...e,
            lead_id: id,
            request_json: JSON.stringify({ url: 'https://buyer.example' }),
            response_json: null,
            data_json: null,
          })
          .execute()
      }
      const sale = await t.lf.db
        .insertInto('sales')
        .values({
          lead_id: id,
          contract_id: contract.id,
          buyer_id: contract.buyer_id,
          event_id: 'c'.repeat(24),
          price_cents: 2500,
          state: 'sold',
          created_at: at(3),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await t.lf.db
        .insertInto('conversions')
        .values({
          sale_id: sale.id,
          lead_id: id,
          buyer_id: contract.buyer_id,
          amount_cents: 1250,
          event_id: null,
          created_at: at(5),
        })
        .execute()

      const res = await t.app.inject({ method: 'GET', url: `/api/v1/leads/${id}`, headers: ADMIN })
      assert.equal(res.statusCode, 200)
      const lead = res.json()
      assert.deepEqual(lead.fields, { Email: 'lead3@example.com', Phone: '+15550100000' })
      assert.equal(lead.raw.phone, '(555) 010-0000')
      assert.deepEqual([lead.price_cents, lead.price, lead.status], [305, 3.05, 'sold'])
      assert.deepEqual([lead.source.vid, lead.lead_type.lid], [1, 1])
      assert.deepEqual(
        lead.events.map((e: { step: string }) => e.step),
        ['accept', 'eligibility', 'deliver'],
      )
      assert.deepEqual(lead.events[0].request, { url: 'https://buyer.example' })
      assert.equal(lead.sales.length, 1)
      assert.deepEqual(
        [lead.sales[0].event_id, lead.sales[0].price, lead.sales[0].buyer_name],
        ['c'.repeat(24), 25, 'Acme Insurance'],
      )
      assert.deepEqual([lead.conversions[0].amount_cents, lead.conversions[0].amount], [1250, 12.5])
      assert.deepEqual(lead.returns, [])
    })

    test('unknown lead ids are 404, malformed ones 400', async () => {
      const missing = await t.app.inject({ method: 'GET', url: '/api/v1/leads/999999', headers: ADMIN })
      assert.equal(missing.statusCode, 404)
      assert.equal(missing.json().error.code, 'LF_NOT_FOUND')
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/leads/abc', headers: ADMIN })
      assert.equal(bad.statusCode, 400)
      const anon = await t.app.inject({ method: 'GET', url: `/api/v1/leads/${leadIds[0]}` })
      assert.equal(anon.statusCode, 401)
    })
  })
}
