import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

// Late on a Sunday evening in London: outside the default dialler hours, so step 6 proves the
// demo campaign calls round the clock (issue 18: the tour must work whenever it is run).
const SUNDAY_NIGHT = new Date('2026-11-29T22:30:00.000Z')

const JANE =
  'vid=1&lid=1&aid=1&password=demo&FirstName=Jane&LastName=Doe&Email=jane@example.com' +
  '&Phone=(702)555-0142&Zip=89101&State=NV&DOB=04/12/1985'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

for (const kind of await dialectsUnderTest()) {
  describe(`README tour, steps 2 to 6 as written [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      // The sandbox buyers are served by leadflow itself over real HTTP, as in the tour.
      const port = await freePort()
      t = await createTestApp(kind, {
        clock: { now: () => SUNDAY_NIGHT },
        config: { publicUrl: `http://127.0.0.1:${port}` },
      })
      await t.app.listen({ port, host: '127.0.0.1' })
    })
    after(() => t.close())

    const post = (url: string, payload: string, headers: Record<string, string> = FORM) =>
      t.app.inject({ method: 'POST', url, headers, payload })
    let leadId = 0

    test('step 2: sold to Acme at $25, the source is paid $20 (the demo margin)', async () => {
      const sold = (await post('/processor/insert/general/json', JANE)).json()
      assert.equal(sold.ResponseType, 0)
      assert.equal(sold.Price, 20)
      leadId = sold.LeadIdentifier
      assert.equal((await post('/processor/insert/general/json', JANE)).json().ResponseType, 6)
      const noEmail = JANE.replace('&Email=jane@example.com', '')
      assert.equal((await post('/processor/insert/general/json', noEmail)).json().ResponseType, 9)
      const lead = (await t.app.inject({ url: `/api/v1/leads/${leadId}`, headers: ADMIN })).json()
      assert.deepEqual([lead.price_cents, lead.cost_cents], [2500, 2000])
    })

    test('steps 4 and 5: the LeadConduit return is pending, CAKE credits it by LeadIdentifier', async () => {
      const lead = (await t.app.inject({ url: `/api/v1/leads/${leadId}`, headers: ADMIN })).json()
      const returned = await post(
        `/feedback?event_id=${lead.sales[0].event_id}`,
        '<feedback><type>return</type><reason>Wrong number</reason></feedback>',
        { 'content-type': 'application/xml', accept: 'application/xml' },
      )
      assert.match(returned.body, /<outcome>success<\/outcome>/)
      const pending = (await t.app.inject({ url: '/api/v1/returns?status=pending', headers: ADMIN })).json()
      assert.equal(pending.items.length, 1)
      const credit = await t.app.inject({
        url:
          '/api/2/track.asmx/ReturnLead?api_key=demo-api-key&lead_id=' +
          `${leadId}&vertical_id=1&buyer_contract_id=&return_type=approve_for_credit&return_reason_id=1&denied_reason_id=`,
      })
      assert.match(credit.body, /<success>true<\/success>/)
      const returns = (await t.app.inject({ url: '/api/v1/returns', headers: ADMIN })).json()
      assert.deepEqual(
        returns.items.map((r: { status: string }) => r.status),
        ['credited'],
      )
    })

    test('step 6: the Comunik8 lead is handed to the dialler at once, even at night', async () => {
      const added = await post(
        '/lead/add?key=demo-dialler-key',
        JSON.stringify({
          email: 'john.doe@example.com',
          first_name: 'John',
          surname: 'Doe',
          mobile: '07840258823',
          type: 'motor-trade',
          subtype: 'valeter',
        }),
        { 'content-type': 'application/json' },
      )
      assert.deepEqual(added.json(), { saved: true, processed: true })
      const taken = await post('/api/v1/dialler/campaigns/1/take', '', {
        authorization: 'Bearer demo-dialler-key',
      })
      assert.equal(taken.json().call?.mobile, '+447840258823')
    })
  })
}
