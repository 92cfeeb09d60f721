import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import { createServices } from '../../src/app/create-services.js'
import type { Services } from '../../src/app/services.js'
import { openPostgres } from '../../src/storage/dialects/postgres.js'
import { openSqlite } from '../../src/storage/dialects/sqlite.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

/** Issue 16, "Exact rotations": round robin and percentage quotas kept in the database. */
for (const kind of await dialectsUnderTest()) {
  describe(`exact rotations [${kind}]`, () => {
    let t: TestApp
    let ok: BuyerServer
    let no: BuyerServer
    let second: Services
    before(async () => {
      t = await createTestApp(kind)
      ok = await startBuyer(() => ({ delayMs: 2, body: { status: 'accepted' } }))
      no = await startBuyer(() => ({ body: { status: 'rejected', reason: 'not today' } }))
      // A second app instance (another node, or the same one after a restart) on the same database.
      second = createServices(t.lf.config, {
        storage: kind === 'postgres' ? openPostgres(t.url, 5) : openSqlite(t.url),
        secretKey: t.lf.secretKey,
        logger: pino({ level: 'silent' }),
      })
    })
    after(async () => {
      await second.close()
      await ok.close()
      await no.close()
      await t.close()
    })

    const contracts = async (prefix: string, weights: number[], server = () => ok) => {
      const ids: number[] = []
      for (const [i, weight] of weights.entries()) {
        const c = await addContract(t.lf, {
          buyer: `${prefix} ${i}`,
          weight,
          delivery: { url: server().url, response: JSON_RULES },
        })
        ids.push(c.contractId)
      }
      return ids
    }
    const leads = (n: number, tag: string) =>
      Promise.all(Array.from({ length: n }, (_, i) => insertLead(t.lf, { Email: `${tag}${i}@example.com` })))
    const salesOf = async (ids: number[]) => {
      const rows = await t.lf.db
        .selectFrom('sales')
        .select(['contract_id'])
        .where('contract_id', 'in', ids)
        .orderBy('id')
        .execute()
      return rows.map((r) => r.contract_id)
    }
    const count = (sales: number[], ids: number[]) => ids.map((id) => sales.filter((s) => s === id).length)

    test('round robin: 30 leads one after another go A, B, C, A, … — exactly 10 each, across a restart', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'round_robin' })
      const ids = await contracts('RR', [1, 1, 1])
      const batch = await leads(30, 'rr')
      for (const [i, id] of batch.entries()) {
        const engine = i < 15 ? t.services.distribution : second.distribution
        assert.equal((await engine.distribute(id)).sold, true)
      }
      const sales = await salesOf(ids)
      assert.deepEqual(
        sales,
        Array.from({ length: 30 }, (_, i) => ids[i % 3]),
      )
      assert.deepEqual(count(sales, ids), [10, 10, 10])
    })

    test(`round robin: 30 concurrent leads over two app instances sell exactly 10 each`, async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'round_robin' })
      const ids = await contracts('RRC', [1, 1, 1])
      const batch = await leads(30, 'rrc')
      // SQLite is one writer per file: its two instances share it one after the other (above);
      // PostgreSQL nodes race for real.
      const engines =
        kind === 'postgres' ? [t.services.distribution, second.distribution] : [t.services.distribution]
      const outcomes = await Promise.all(batch.map((id, i) => engines[i % engines.length]!.distribute(id)))
      assert.equal(outcomes.filter((o) => o.sold).length, 30)
      assert.deepEqual(count(await salesOf(ids), ids), [10, 10, 10])
    })

    test('percentage 50/30/20: every prefix of 100 leads within ±1 lead of each share', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'percentage' })
      const weights = [50, 30, 20]
      const ids = await contracts('Pct', weights)
      for (const id of await leads(100, 'pct')) await t.services.distribution.distribute(id)
      const sales = await salesOf(ids)
      assert.equal(sales.length, 100)
      const seen = [0, 0, 0]
      sales.forEach((contractId, i) => {
        seen[ids.indexOf(contractId)]!++
        weights.forEach((w, k) => {
          assert.ok(Math.abs(seen[k]! - ((i + 1) * w) / 100) <= 1, `after ${i + 1} leads: ${seen}`)
        })
      })
      assert.deepEqual(seen, [50, 30, 20])
    })

    test('a buyer that says no gives its turn back; the lead sells to the next in turn', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'round_robin' })
      let n = 0
      const ids = await contracts('Back', [1, 1, 1], () => (n++ === 1 ? no : ok))
      for (const id of await leads(10, 'back')) await t.services.distribution.distribute(id)
      assert.deepEqual(count(await salesOf(ids), ids), [5, 0, 5])
      const turns = await t.lf.db
        .selectFrom('rotation_turns')
        .select(['contract_id', 'served'])
        .where('contract_id', 'in', ids)
        .orderBy('contract_id')
        .execute()
      assert.deepEqual(
        turns.map((r) => Number(r.served)),
        [5, 0, 5],
      )
    })

    test('priority tiers rotate separately: the second tier only sees what the first refuses', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'round_robin' })
      const first = await addContract(t.lf, {
        buyer: 'Tier 1',
        priority: 1,
        filters: [{ op: 'equals', field: 'State', value: 'CA' }],
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const tier2 = [
        await addContract(t.lf, {
          buyer: 'Tier 2a',
          priority: 2,
          delivery: { url: ok.url, response: JSON_RULES },
        }),
        await addContract(t.lf, {
          buyer: 'Tier 2b',
          priority: 2,
          delivery: { url: ok.url, response: JSON_RULES },
        }),
      ].map((c) => c.contractId)
      for (let i = 0; i < 8; i++) {
        const id = await insertLead(t.lf, { Email: `tier${i}@example.com`, State: i % 2 ? 'TX' : 'CA' })
        await t.services.distribution.distribute(id)
      }
      assert.deepEqual(
        count(await salesOf([first.contractId, ...tier2]), [first.contractId, ...tier2]),
        [4, 2, 2],
      )
    })
  })
}
