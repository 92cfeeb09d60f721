import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Kysely } from 'kysely'
import type { Database } from '../../../src/storage/schema.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

async function insertLead(db: Kysely<Database>, postId: string, email: string, phone: string) {
  const at = new Date().toISOString()
  const fields = {
    Email: { raw: email, normal: email.toLowerCase(), valid: true, components: {} },
    Phone: { raw: phone, normal: `+1${phone.replace(/\D/g, '')}`, valid: true, components: {} },
  }
  const row = await db
    .insertInto('leads')
    .values({
      post_id: postId,
      status: 'sold',
      raw_json: JSON.stringify({ Email: email, Phone: phone }),
      fields_json: JSON.stringify(fields),
      price_cents: 2500,
      received_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('lead_keys')
    .values({ lead_id: row.id, lead_type_id: 1, rule: 'Email', key_hash: `h-${postId}`, created_at: at })
    .execute()
  return row.id
}

for (const kind of await dialectsUnderTest()) {
  describe(`privacy purge [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    test('requires the admin key', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/purge',
        payload: { email: 'a@b.co' },
      })
      assert.equal(res.statusCode, 401)
      assert.equal(res.json().error.code, 'LF_UNAUTHORIZED')
    })

    test('an empty request is a validation error', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/purge',
        headers: ADMIN,
        payload: {},
      })
      assert.equal(res.statusCode, 400)
    })

    test("erases one consumer's data by email or phone, keeps money and other consumers", async () => {
      const jane = await insertLead(t.lf.db, 'p-1', 'Jane_Doe@Example.com', '(702) 555-1212')
      const janeAgain = await insertLead(t.lf.db, 'p-2', 'other@example.com', '702-555-1212')
      const john = await insertLead(t.lf.db, 'p-3', 'janexdoe@example.com', '602-555-1313')

      const at = new Date().toISOString()
      await t.lf.db
        .insertInto('sandbox_inbox')
        .values({
          sandbox: 'acme',
          kind: 'post',
          request_json: JSON.stringify({ Email: 'jane_doe@example.com' }),
          response_json: '{}',
          received_at: at,
        })
        .execute()
      await t.lf.db
        .insertInto('ping_orders')
        .values({
          id: 'order-1',
          bids_json: '[]',
          source_id: 1,
          lead_type_id: 1,
          estimated_price_cents: 100,
          fields_json: JSON.stringify({ Email: { normal: 'jane_doe@example.com' } }),
          expires_at: at,
          created_at: at,
        })
        .execute()
      const byEmail = await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/purge',
        headers: ADMIN,
        payload: { email: 'jane_doe@example.com' },
      })
      assert.equal(byEmail.statusCode, 200)
      assert.deepEqual(byEmail.json().leads, [jane])
      assert.equal(byEmail.json().other, 2)
      const order = await t.lf.db
        .selectFrom('ping_orders')
        .selectAll()
        .where('id', '=', 'order-1')
        .executeTakeFirstOrThrow()
      assert.equal(order.fields_json, '{}')
      assert.equal((await t.lf.db.selectFrom('sandbox_inbox').select('id').execute()).length, 0)

      const byPhone = await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/purge',
        headers: ADMIN,
        payload: { phone: '+1 702 555 1212' },
      })
      assert.deepEqual(byPhone.json().leads, [janeAgain]) // jane was already purged by email

      const purged = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', jane)
        .executeTakeFirstOrThrow()
      assert.equal(purged.raw_json, '{}')
      assert.equal(purged.fields_json, '{}')
      assert.equal(Number(purged.price_cents), 2500)
      const keys = await t.lf.db.selectFrom('lead_keys').select('id').where('lead_id', '=', jane).execute()
      assert.equal(keys.length, 0)
      const events = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', jane)
        .where('kind', '=', 'privacy')
        .execute()
      assert.ok(events.length >= 1)

      const kept = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', john)
        .executeTakeFirstOrThrow()
      assert.match(kept.raw_json, /janexdoe/)
    })
  })
}
