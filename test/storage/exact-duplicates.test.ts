import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import { createServices } from '../../src/app/create-services.js'
import type { Services } from '../../src/app/services.js'
import { buildApp } from '../../src/http/build-app.js'
import { openPostgres } from '../../src/storage/dialects/postgres.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { FORM, formBody, person } from '../protocols/leadexec/leadexec-fixtures.js'
import { scriptedDistributor } from '../protocols/leadexec/scripted-distributor.js'

const N = 20

/**
 * Issue #11: N identical posts at the same instant must give exactly one accepted lead and N − 1
 * Duplicate_Lead answers, sync and async, on both databases and (PostgreSQL) across two nodes.
 * The decision is made under a lock inside the saving transaction (src/storage/claim-duplicate-keys.ts).
 */
for (const kind of await dialectsUnderTest()) {
  describe(`exact duplicates under concurrency [${kind}]`, () => {
    let t: TestApp
    const scripted = scriptedDistributor()
    before(async () => {
      t = await createTestApp(kind)
      t.services.intake.distributor = scripted.distributor
    })
    after(() => t.close())

    const insert = (app: TestApp['app'], body: string, async = false) =>
      app
        .inject({
          method: 'POST',
          url: `/processor/insert/general/json${async ? '/async' : ''}`,
          headers: FORM,
          payload: body,
        })
        .then((r) => r.json())

    const acceptedLeads = async (email: string) => {
      const rows = await t.lf.db.selectFrom('leads').select(['id', 'status', 'fields_json']).execute()
      return rows.filter((r) => r.fields_json.includes(email) && r.status !== 'rejected')
    }

    test(`${N} identical sync posts at once: exactly one accepted, the rest Duplicate_Lead`, async () => {
      const body = formBody(person())
      const email = new URLSearchParams(body).get('Email')!
      const answers = await Promise.all(Array.from({ length: N }, () => insert(t.app, body)))
      const codes = answers.map((a) => a.ResponseType).sort((a, b) => a - b)
      assert.deepEqual(codes, [0, ...Array(N - 1).fill(6)])
      assert.equal((await acceptedLeads(email)).length, 1)
      const keys = await t.lf.db.selectFrom('lead_keys').select('lead_id').distinct().execute()
      const winner = answers.find((a) => a.ResponseType === 0)!.LeadIdentifier
      assert.ok(keys.some((k) => k.lead_id === winner))
    })

    test(`${N} identical async posts: all queued, exactly one processed as accepted`, async () => {
      const body = formBody(person())
      const email = new URLSearchParams(body).get('Email')!
      const answers = await Promise.all(Array.from({ length: N }, () => insert(t.app, body, true)))
      assert.ok(answers.every((a) => a.QueueSuccessful === true))
      await t.lf.worker.drain()
      const rows = await t.lf.db
        .selectFrom('leads')
        .select(['status', 'response_type', 'fields_json'])
        .execute()
      const mine = rows.filter((r) => r.fields_json.includes(email))
      assert.equal(mine.length, N)
      assert.equal(mine.filter((r) => r.status !== 'rejected').length, 1)
      assert.equal(mine.filter((r) => r.response_type === 'Duplicate_Lead').length, N - 1)
    })

    test('a duplicate refused inside the transaction takes no post-cap slot and leaves no keys', async () => {
      const body = formBody(person())
      await Promise.all(Array.from({ length: 5 }, () => insert(t.app, body)))
      const orphanKeys = await t.lf.db
        .selectFrom('lead_keys')
        .innerJoin('leads', 'leads.id', 'lead_keys.lead_id')
        .select('leads.status')
        .where('leads.status', '=', 'rejected')
        .execute()
      assert.equal(orphanKeys.length, 0)
    })

    if (kind === 'postgres') {
      test(`${N} identical posts spread over two nodes on one database: exactly one accepted`, async () => {
        const second = openPostgres(t.url, 5)
        let services: Services | undefined
        try {
          services = createServices(t.lf.config, {
            storage: second,
            secretKey: t.lf.secretKey,
            logger: pino({ level: 'silent' }),
          })
          services.intake.distributor = scripted.distributor
          const other = await buildApp(t.lf.config, services)
          const body = formBody(person())
          const apps = [t.app, other]
          const answers = await Promise.all(Array.from({ length: N }, (_, i) => insert(apps[i % 2]!, body)))
          assert.deepEqual(
            answers.map((a) => a.ResponseType).sort((a, b) => a - b),
            [0, ...Array(N - 1).fill(6)],
          )
          await other.close()
        } finally {
          if (services) await services.close()
          else await second.close()
        }
      })
    }
  })
}
