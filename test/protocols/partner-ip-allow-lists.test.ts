import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { OwnerKind } from '../../src/core/config/config-records.js'
import { createCredential } from '../../src/storage/credential-store.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { sellDemoLead } from '../helpers/sales-fixture.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { returnLeadQuery } from './cake/cake-helpers.js'
import { ADD_DELAYED, CURL_HEADERS } from './comunik8/examples.js'
import { formBody, person } from './leadexec/leadexec-fixtures.js'

/** Inside the allow-list every credential below is given; the default inject address is 127.0.0.1. */
const INSIDE = '10.1.2.3'
const CIDRS = ['10.0.0.0/8']

/**
 * allowed_cidrs on the partner protocols (docs/security.md): a credential used from outside its
 * allow-list is refused exactly as a wrong one is, in the protocol's own shape, and works inside.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`partner credentials honour their IP allow-list [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const issue = async (ownerKind: OwnerKind, ownerId: number | null, secret: string) => {
      await createCredential(
        t.lf.db,
        { ownerKind, ownerId, kind: 'api_key', secret, allowedCidrs: CIDRS },
        new Date(),
      )
    }

    test('LeadExec: a source token from outside answers the one credentials refusal', async () => {
      const source = await t.lf.db
        .selectFrom('sources')
        .select('id')
        .where('vid', '=', 1)
        .executeTakeFirstOrThrow()
      await issue('source', source.id, 'walled-source-token')
      const post = (token: string, remoteAddress?: string) =>
        t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
          payload: formBody(person(), 'vid=1&lid=1&aid=1'),
          ...(remoteAddress ? { remoteAddress } : {}),
        })
      const wrong = await post('not-a-token')
      const outside = await post('walled-source-token')
      assert.equal(outside.statusCode, wrong.statusCode)
      const { PostID: _a, ...refused } = outside.json()
      const { PostID: _b, ...refusedWrong } = wrong.json()
      assert.deepEqual(refused, refusedWrong)
      assert.equal(refused.ResponseDetails, 'The source credentials are not valid')
      const inside = await post('walled-source-token', INSIDE)
      assert.equal(inside.json().isValidPost, true, inside.body)
    })

    test('LeadConduit /feedback: a buyer key from outside is refused as an unknown key', async () => {
      const sale = await sellDemoLead(t.lf, { buyer: 'acme' })
      await issue('buyer', sale.buyerId, 'walled-buyer-key')
      const feedback = (key: string, remoteAddress?: string) =>
        t.app.inject({
          method: 'POST',
          url: `/feedback?event_id=${sale.eventId}`,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            authorization: `Bearer ${key}`,
          },
          payload: '{"type":"return","reason":"Wrong number"}',
          ...(remoteAddress ? { remoteAddress } : {}),
        })
      const wrong = await feedback('not-a-key')
      const outside = await feedback('walled-buyer-key')
      assert.equal(wrong.statusCode, 401)
      assert.equal(outside.statusCode, 401)
      assert.deepEqual(outside.json(), wrong.json())
      const returns = await t.lf.db
        .selectFrom('returns')
        .select('id')
        .where('sale_id', '=', sale.saleId)
        .execute()
      assert.equal(returns.length, 0)
      const inside = await feedback('walled-buyer-key', INSIDE)
      assert.deepEqual(inside.json(), { outcome: 'success' }, inside.body)
    })

    test('CAKE: an api_key from outside answers "Invalid API Key"', async () => {
      await issue('cake', null, 'walled-cake-key')
      const args = { api_key: 'walled-cake-key', lead_id: 999999, return_type: 'approve_for_credit' }
      const wrong = await t.app.inject({
        method: 'GET',
        url: `/api/2/track.asmx?op=ReturnLead&${returnLeadQuery({ ...args, api_key: 'not-a-key' })}`,
      })
      const outside = await t.app.inject({
        method: 'GET',
        url: `/api/2/track.asmx?op=ReturnLead&${returnLeadQuery(args)}`,
      })
      assert.equal(outside.statusCode, 200)
      assert.equal(outside.body, wrong.body)
      assert.match(outside.body, /Invalid API Key/)
      const inside = await t.app.inject({
        method: 'GET',
        url: `/api/2/track.asmx?op=ReturnLead&${returnLeadQuery(args)}`,
        remoteAddress: INSIDE,
      })
      assert.doesNotMatch(inside.body, /Invalid API Key/)
      assert.match(inside.body, /999999/)
    })

    test('Comunik8: a dialler key from outside is the 401 of a wrong key and writes nothing', async () => {
      await issue('dialler', null, 'walled-dialler-key')
      const add = (key: string, remoteAddress?: string) =>
        t.app.inject({
          method: 'POST',
          url: `/lead/add?key=${key}`,
          headers: CURL_HEADERS,
          payload: ADD_DELAYED,
          ...(remoteAddress ? { remoteAddress } : {}),
        })
      const count = async () =>
        Number(
          (
            await t.lf.db
              .selectFrom('leads')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await count()
      const wrong = await add('not-a-key')
      const outside = await add('walled-dialler-key')
      assert.equal(wrong.statusCode, 401)
      assert.equal(outside.statusCode, 401)
      assert.deepEqual(outside.json(), wrong.json())
      assert.equal(await count(), before)
      const inside = await add('walled-dialler-key', INSIDE)
      assert.ok(inside.statusCode < 300, inside.body)
    })
  })
}
