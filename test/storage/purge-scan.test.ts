import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const EMAIL = 'zelda.quartermaine@example.com'
const MOBILE = '07840258899'
const NAMES = ['Zelda', 'Quartermaine']

/** Every string value of every row of every table, with where it was found. */
async function scan(t: TestApp, needles: RegExp): Promise<string[]> {
  const found: string[] = []
  for (const table of await t.lf.db.introspection.getTables()) {
    const rows = await t.lf.db
      .selectFrom(table.name as any)
      .selectAll()
      .execute()
    for (const row of rows)
      for (const [column, value] of Object.entries(row as Record<string, unknown>))
        if (typeof value === 'string' && needles.test(value))
          found.push(`${table.name}.${column}: ${value.slice(0, 120)}`)
  }
  return found
}

for (const kind of await dialectsUnderTest()) {
  describe(`privacy purge leaves nothing of the consumer in any text column [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    test('intake (sync, async with returnurl), events, jobs, returns with free text, dialler, sandbox → purge → scan', async () => {
      const person = `FirstName=${NAMES[0]}&LastName=${NAMES[1]}&Email=${EMAIL}&Phone=3105550199&Zip=90210&State=CA`
      const sync = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: FORM,
        payload: `vid=1&lid=1&aid=1&password=demo&${person}`,
      })
      const leadId = sync.json().LeadIdentifier
      assert.ok(leadId > 0, sync.body)
      await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json/async',
        headers: FORM,
        payload: `vid=1&lid=1&aid=1&password=demo&returnurl=http://127.0.0.1:9/cb&${person.replace('Zip=90210', 'Zip=90211')}`,
      })
      const added = await t.app.inject({
        method: 'POST',
        url: '/lead/add?key=demo-dialler-key',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          first_name: NAMES[0],
          surname: NAMES[1],
          mobile: MOBILE,
          email: EMAIL,
          type: 'motor-trade',
          subtype: 'valeter',
        }),
      })
      assert.equal(added.statusCode, 200, added.body)
      const at = new Date().toISOString()
      await t.lf.db
        .insertInto('sandbox_inbox')
        .values({
          sandbox: 'acme',
          kind: 'post',
          request_json: JSON.stringify({ Email: EMAIL }),
          response_json: '{}',
          received_at: at,
        })
        .execute()
      const contract = await t.lf.db
        .selectFrom('contracts')
        .select(['id', 'buyer_id'])
        .executeTakeFirstOrThrow()
      const event = await t.lf.db
        .selectFrom('events')
        .select('id')
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow()
      const sale = await t.lf.db
        .insertInto('sales')
        .values({
          lead_id: leadId,
          contract_id: contract.id,
          buyer_id: contract.buyer_id,
          event_id: event.id,
          price_cents: 100,
          buyer_lead_id: null,
          redirect_url: null,
          replacement_for_sale_id: null,
          converted_at: null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const buyer = { id: contract.buyer_id }
      await t.lf.db
        .insertInto('returns')
        .values({
          sale_id: sale.id,
          lead_id: leadId,
          buyer_id: buyer.id,
          contract_id: contract.id,
          status: 'pending',
          reason: `${NAMES[0]} ${NAMES[1]} says she never asked`,
          channel: 'native',
          created_at: at,
        })
        .execute()

      const needles = new RegExp([EMAIL, ...NAMES, '5550199', '7840258899'].join('|'), 'i')
      assert.ok((await scan(t, needles)).length > 0, 'the consumer was written somewhere')

      for (const payload of [{ email: EMAIL }, { phone: '+1 310 555 0199' }, { phone: MOBILE }]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/privacy/purge',
          headers: ADMIN,
          payload,
        })
        assert.equal(res.statusCode, 200, res.body)
      }
      assert.deepEqual(await scan(t, needles), [])
    })
  })
}
