import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { sellDemoLead } from '../../helpers/sales-fixture.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

type Page = { items: { id: number; post_id: string }[]; total: number }

for (const kind of await dialectsUnderTest()) {
  describe(`native API: finding a lead by email, phone, PostID, reference, buyer, contract [${kind}]`, () => {
    let t: TestApp
    const posted: { id: number; postId: string }[] = []

    async function post(n: number, email: string, phone: string, reference: string) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        payload: new URLSearchParams({
          vid: '1',
          lid: '1',
          aid: '1',
          password: 'demo',
          reference,
          FirstName: 'Jane',
          LastName: `Search${n}`,
          Email: email,
          Phone: phone,
          Zip: '89101',
          State: 'NV',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      assert.equal(body.isValidPost, true, res.body)
      posted.push({ id: body.LeadIdentifier, postId: body.PostID })
    }

    const ids = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/leads?${query}`, headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      const page = res.json() as Page
      assert.equal(page.total, page.items.length)
      return page.items.map((i) => i.id).sort((a, b) => a - b)
    }

    before(async () => {
      t = await createTestApp(kind)
      await post(1, 'Jane.Search@Example.com', '(702) 555-0142', 'ref-one')
      await post(2, 'other@example.org', '702.555.0199', 'ref-two')
      await post(3, 'third@example.org', '+1 602 555 0100', '7025550142')
    })
    after(() => t.close())

    test('an email is found however it is cased, as intake normalizes it', async () => {
      assert.deepEqual(await ids('email=jane.search%40example.com'), [posted[0]!.id])
      assert.deepEqual(await ids('q=%20JANE.SEARCH%40example.COM%20'), [posted[0]!.id])
      assert.deepEqual(await ids('email=nobody%40example.com'), [])
    })

    test('a phone is found in any spelling intake accepts, and a search box finds a reference too', async () => {
      assert.deepEqual(await ids('phone=7025550142'), [posted[0]!.id])
      assert.deepEqual(await ids('phone=%2B1-702-555-0199'), [posted[1]!.id])
      // "7025550142" is lead 1's phone and lead 3's reference: the search box finds both.
      assert.deepEqual(await ids('q=7025550142'), [posted[0]!.id, posted[2]!.id])
    })

    test('PostID, reference and lead id find their lead', async () => {
      assert.deepEqual(await ids(`post_id=${posted[1]!.postId}`), [posted[1]!.id])
      assert.deepEqual(await ids(`q=${posted[1]!.postId.toUpperCase()}`), [posted[1]!.id])
      assert.deepEqual(await ids('reference=ref-two'), [posted[1]!.id])
      assert.deepEqual(await ids(`q=${posted[2]!.id}`), [posted[2]!.id])
    })

    test('an email or phone that is not one is refused with the field named', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/leads?phone=12', headers: ADMIN })
      assert.equal(res.statusCode, 400)
      assert.equal(res.json().error.code, 'LF_VALIDATION')
      assert.match(res.body, /phone/)
    })

    test('buyer and contract filters give the leads sold to them, combined with search', async () => {
      const sold = await sellDemoLead(t.lf, { leadId: posted[1]!.id, buyer: 'zenith' })
      assert.deepEqual(await ids(`buyer_id=${sold.buyerId}`), [posted[1]!.id])
      assert.deepEqual(await ids(`contract_id=${sold.contractId}`), [posted[1]!.id])
      assert.deepEqual(await ids(`contract_id=${sold.contractId}&email=jane.search%40example.com`), [])
    })

    test('the CSV export takes the same search', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/exports/leads?format=csv&q=jane.search%40example.com',
        headers: ADMIN,
      })
      assert.equal(res.statusCode, 200, res.body)
      const lines = res.body.trim().split(/\r?\n/)
      assert.match(lines[0]!, /^id,post_id,status/)
      assert.equal(lines.length, 2)
      assert.ok(lines[1]!.startsWith(`${posted[0]!.id},${posted[0]!.postId},`))
    })

    test('a purged consumer is no longer found by email or phone', async () => {
      const purge = await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/purge',
        headers: ADMIN,
        payload: { email: 'third@example.org' },
      })
      assert.equal(purge.statusCode, 200, purge.body)
      assert.deepEqual(await ids('email=third%40example.org'), [])
      assert.deepEqual(await ids('phone=6025550100'), [])
      const left = await t.lf.db
        .selectFrom('lead_contacts')
        .select('value')
        .where('lead_id', '=', posted[2]!.id)
        .execute()
      assert.deepEqual(left, [])
    })
  })
}
