import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { openSecrets } from '../../src/app/secret-key.js'
import { ConfigError } from '../../src/config.js'
import { SECRET_MASK } from '../../src/core/delivery/delivery-secrets.js'
import { type BuyerServer, startBuyer } from '../distribution/buyer-server.js'
import { insertLead, JSON_RULES, onlyTestBuyers } from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

const PASSWORD = 'pa55-word-of-the-buyer'
const HEADER_KEY = 'hdr-key-0123456789'

for (const kind of await dialectsUnderTest()) {
  describe(`contract credentials sealed at rest, write-only through the API [${kind}]`, () => {
    let t: TestApp
    let buyer: BuyerServer
    let contractId: number
    const storedDelivery = async () =>
      (
        await t.lf.db
          .selectFrom('contracts')
          .select('delivery_json')
          .where('id', '=', contractId)
          .executeTakeFirstOrThrow()
      ).delivery_json

    before(async () => {
      t = await createTestApp(kind)
      buyer = await startBuyer(() => ({ body: { status: 'accepted' } }))
      await onlyTestBuyers(t.lf)
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/buyers',
        headers: ADMIN,
        payload: { name: 'Sealed buyer' },
      })
      const contract = await t.app.inject({
        method: 'POST',
        url: `/api/v1/buyers/${created.json().id}/contracts`,
        headers: ADMIN,
        payload: {
          name: 'sealed',
          lid: 1,
          price_cents: 500,
          delivery: {
            kind: 'http',
            url: `http://localhost:${new URL(buyer.url).port}/lead`,
            format: 'json',
            auth: { kind: 'basic', username: 'acme', password: PASSWORD },
            headers: { 'X-Api-Key': HEADER_KEY, 'X-Plain': 'visible' },
            response: JSON_RULES,
          },
        },
      })
      assert.equal(contract.statusCode, 201, contract.body)
      contractId = contract.json().id
    })
    after(async () => {
      await t.close()
      await buyer.close()
    })

    test('the stored delivery holds no plaintext credential', async () => {
      const stored = await storedDelivery()
      assert.doesNotMatch(stored, new RegExp(PASSWORD))
      assert.doesNotMatch(stored, new RegExp(HEADER_KEY))
      assert.match(stored, /lfsealed:v1:/)
      assert.match(stored, /visible/)
    })

    test('GET answers credentials masked', async () => {
      for (const url of [`/api/v1/contracts/${contractId}`, '/api/v1/contracts']) {
        const body = (await t.app.inject({ url, headers: ADMIN })).body
        assert.doesNotMatch(body, new RegExp(`${PASSWORD}|${HEADER_KEY}|lfsealed`))
      }
      const one = (await t.app.inject({ url: `/api/v1/contracts/${contractId}`, headers: ADMIN })).json()
      assert.equal(one.delivery.auth.password, SECRET_MASK)
      assert.equal(one.delivery.auth.username, 'acme')
      assert.equal(one.delivery.headers['X-Api-Key'], SECRET_MASK)
    })

    test('PATCH sending the mask or leaving the password out keeps the stored credential', async () => {
      const before = await storedDelivery()
      const masked = (await t.app.inject({ url: `/api/v1/contracts/${contractId}`, headers: ADMIN })).json()
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/contracts/${contractId}`,
        headers: ADMIN,
        payload: { delivery: masked.delivery },
      })
      assert.equal(patched.statusCode, 200, patched.body)
      assert.equal(await storedDelivery(), before, 'the mask changed nothing')
      const omitted = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/contracts/${contractId}`,
        headers: ADMIN,
        payload: {
          delivery: { ...masked.delivery, auth: { kind: 'basic', username: 'acme' } },
          price_cents: 600,
        },
      })
      assert.equal(omitted.statusCode, 200, omitted.body)
      assert.equal(omitted.json().delivery.auth.password, SECRET_MASK)
    })

    test('a delivery carries the right credentials to a real buyer server', async () => {
      await t.services.distribution.distribute(await insertLead(t.lf, { Email: 'sealed@example.com' }))
      const got = buyer.received.at(-1)
      assert.ok(got, 'the buyer was called')
      assert.equal(got.headers.authorization, `Basic ${Buffer.from(`acme:${PASSWORD}`).toString('base64')}`)
      assert.equal(got.headers['x-api-key'], HEADER_KEY)
      const events = JSON.stringify(await t.lf.db.selectFrom('events').selectAll().execute())
      assert.doesNotMatch(events, new RegExp(`${PASSWORD}|${HEADER_KEY}`))
    })

    test('a plaintext row from before sealing is sealed at start, once', async () => {
      const legacy = JSON.stringify({ kind: 'http', auth: { kind: 'bearer', token: 'legacy-token-42' } })
      const other = await t.lf.db
        .insertInto('contracts')
        .values({
          buyer_id: (await t.lf.db.selectFrom('buyers').select('id').executeTakeFirstOrThrow()).id,
          lead_type_id: (await t.lf.db.selectFrom('lead_types').select('id').executeTakeFirstOrThrow()).id,
          name: 'legacy plaintext',
          status: 'off',
          price_cents: 0,
          pricing: 'fixed',
          exclusive: 0,
          priority: 1,
          weight: 1,
          filters_json: '[]',
          caps_json: '[]',
          schedule_json: '{}',
          delivery_json: legacy,
          return_policy_json: '{}',
          settings_json: '{}',
          consecutive_errors: 0,
          created_at: '2024-01-01T00:00:00.000Z',
          updated_at: '2024-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const row = () =>
        t.lf.db
          .selectFrom('contracts')
          .select('delivery_json')
          .where('id', '=', other.id)
          .executeTakeFirstOrThrow()
      await openSecrets(t.lf.storage, t.lf.secretKey)
      const sealed = (await row()).delivery_json
      assert.doesNotMatch(sealed, /legacy-token-42/)
      await openSecrets(t.lf.storage, t.lf.secretKey)
      assert.equal((await row()).delivery_json, sealed, 'a second start changes nothing')
    })

    test('a wrong key fails loudly at start', async () => {
      await assert.rejects(openSecrets(t.lf.storage, Buffer.alloc(32, 9)), (error: Error) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, /LEADFLOW_SECRET_KEY does not open the stored contract credentials/)
        return true
      })
    })
  })
}
