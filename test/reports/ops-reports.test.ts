import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Clock } from '../../src/core/ports.js'
import { type BuyerServer, startBuyer } from '../distribution/buyer-server.js'
import {
  addContract,
  demoIds,
  insertLead,
  JSON_RULES,
  onlyTestBuyers,
  setLeadTypeSettings,
  setSourceSettings,
} from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * The operating reports (docs/reports.md, "Operating reports") over real auctions and deliveries
 * to local buyers. The clock stands at 2026-03-08 06:30 UTC: 01:30 in New York on the day of its
 * spring-forward, so the New York day window is 23 hours long and the week ends at EDT midnight.
 * Nothing depends on machine speed: slow buyers never answer at all, and latencies are set to
 * known values after the fact.
 */
const NOW = new Date('2026-03-08T06:30:00.000Z')
const clock: Clock = { now: () => NOW }

for (const kind of await dialectsUnderTest()) {
  describe(`operating reports [${kind}]`, () => {
    let t: TestApp
    const servers: BuyerServer[] = []
    const ids: Record<string, number> = {}
    let sourceId = 0
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      return res
    }
    const server = async (answer: Parameters<typeof startBuyer>[0]) => {
      const s = await startBuyer(answer)
      servers.push(s)
      return s
    }
    const bidder = async (name: string, answer: Parameters<typeof startBuyer>[0]) => {
      const s = await server(answer)
      const c = await addContract(t.lf, {
        buyer: name,
        pricing: 'bid',
        priceCents: 0,
        delivery: {
          url: `${s.url}/post`,
          ping: { url: `${s.url}/ping` },
          response: JSON_RULES,
          timeoutMs: 2000,
        },
        settings: { autoPauseAfter: 100 },
      })
      ids[name] = c.contractId
      ids[`${name}Buyer`] = c.buyerId
    }
    const isPing = (url: string) => url.startsWith('/ping')
    const second = (body: string) => body.includes('second@')

    before(async () => {
      t = await createTestApp(kind, { clock })
      await onlyTestBuyers(t.lf)
      sourceId = (await demoIds(t.lf)).sourceId
      await setSourceSettings(t.lf, {
        caps: [{ period: 'week', count: 10 }],
        postCaps: [{ period: 'hour', count: 100 }],
        timeZone: 'America/New_York',
      })

      // Two auctions. High bids best but refuses the post; Mid wins both; None never bids;
      // Broken answers 500; Silent never answers the first ping (timeout) and passes on the second.
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post', pingTimeoutMs: 2000 })
      await bidder('High', (r) =>
        isPing(r.url)
          ? { body: { status: 'accepted', price: second(r.body) ? '35.00' : '31.00' } }
          : { body: { status: 'rejected', reason: 'duplicate' } },
      )
      await bidder('Mid', (r) =>
        isPing(r.url) ? { body: { status: 'accepted', price: '22.50' } } : { body: { status: 'accepted' } },
      )
      await bidder('None', () => ({ body: { status: 'rejected', reason: 'no interest' } }))
      await bidder('Broken', () => ({ status: 500, body: { status: 'error' } }))
      await bidder('Silent', (r) =>
        second(r.body) ? { body: { status: 'rejected', reason: 'pass' } } : { never: true },
      )
      for (const email of ['first@example.com', 'second@example.com']) {
        const outcome = await t.services.distribution.distribute(await insertLead(t.lf, { Email: email }))
        assert.equal(outcome.sold, true)
      }
      await t.lf.db.updateTable('contracts').set({ status: 'off' }).execute()

      // A waterfall to one flaky contract: two sales, one rejection, four errors of four causes.
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const flaky = await server((r) => {
        if (r.body.includes('http503')) return { status: 503, body: { status: 'error' } }
        if (r.body.includes('garbage')) return { body: 'this is not json' }
        if (r.body.includes('reset')) return { reset: true }
        if (r.body.includes('silent')) return { never: true }
        if (r.body.includes('reject')) return { body: { status: 'rejected', reason: 'no thanks' } }
        return { body: { status: 'accepted' } }
      })
      const c = await addContract(t.lf, {
        buyer: 'Flaky',
        priceCents: 1500,
        caps: [
          { period: 'day', count: 10, spendCents: 100_000, timeZone: 'America/New_York' },
          { period: 'hour', count: 5 },
        ],
        delivery: { url: `${flaky.url}/post`, response: JSON_RULES, timeoutMs: 2000 },
        settings: { autoPauseAfter: 100 },
      })
      ids.Flaky = c.contractId
      ids.FlakyBuyer = c.buyerId
      for (const email of [
        'a@ok.com',
        'b@ok.com',
        'reject@x.com',
        'http503@x.com',
        'garbage@x.com',
        'reset@x.com',
        'silent@x.com',
      ]) {
        await t.services.distribution.distribute(await insertLead(t.lf, { Email: email }))
      }
      // An older window of the same cap, which pacing must not read; three posts against the post cap.
      await t.lf.db
        .insertInto('cap_counters')
        .values([
          { subject: `contract:${ids.Flaky}`, window: 'day:2026-03-07', count: 9, spend_cents: 13_500 },
          { subject: `source-posts:${sourceId}`, window: 'hour:2026-03-08T01', count: 3, spend_cents: 0 },
        ])
        .execute()

      // Known latencies: the multiset is what matters, not which post gets which.
      const setDurations = async (contractId: number, durations: number[]) => {
        const posts = await t.lf.db
          .selectFrom('events')
          .select('id')
          .where('kind', '=', 'post')
          .where('contract_id', '=', contractId)
          .orderBy('id')
          .execute()
        assert.equal(posts.length, durations.length)
        for (const [i, p] of posts.entries())
          await t.lf.db
            .updateTable('events')
            .set({ duration_ms: durations[i] })
            .where('id', '=', p.id)
            .execute()
      }
      await setDurations(ids.Flaky, [120, 30, 700, 45, 60, 300, 15])
      await setDurations(ids.Mid as number, [200, 100])
      await setDurations(ids.High as number, [80, 40])
    })
    after(async () => {
      await Promise.all(servers.map((s) => s.close()))
      await t.close()
    })

    test('cap pacing reads the current window of every active cap from the counters', async () => {
      const body = (await get('/api/v1/reports/cap-pacing')).json()
      assert.equal(body.at, NOW.toISOString())
      const rows = body.rows.filter(
        (r: any) =>
          (r.subject_kind === 'contract' && r.subject_id === ids.Flaky) ||
          (r.subject_kind !== 'contract' && r.subject_id === sourceId),
      )
      const source = { subject_id: sourceId, buyer_id: null, spend_cap_cents: null }
      const name = (
        await t.lf.db
          .selectFrom('sources')
          .select('name')
          .where('id', '=', sourceId)
          .executeTakeFirstOrThrow()
      ).name
      assert.deepEqual(rows, [
        {
          subject_kind: 'contract',
          subject_id: ids.Flaky,
          subject_name: 'Flaky contract',
          buyer_id: ids.FlakyBuyer,
          period: 'day',
          time_zone: 'America/New_York',
          window: 'day:2026-03-08',
          window_start: '2026-03-08T05:00:00.000Z',
          window_end: '2026-03-09T04:00:00.000Z',
          count_used: 2,
          count_cap: 10,
          spend_used_cents: 3000,
          spend_cap_cents: 100_000,
          percent_used: 20,
        },
        {
          subject_kind: 'contract',
          subject_id: ids.Flaky,
          subject_name: 'Flaky contract',
          buyer_id: ids.FlakyBuyer,
          period: 'hour',
          time_zone: 'UTC',
          window: 'hour:2026-03-08T06',
          window_start: '2026-03-08T06:00:00.000Z',
          window_end: '2026-03-08T07:00:00.000Z',
          count_used: 2,
          count_cap: 5,
          spend_used_cents: 3000,
          spend_cap_cents: null,
          percent_used: 40,
        },
        {
          ...source,
          subject_kind: 'source',
          subject_name: name,
          period: 'week',
          time_zone: 'America/New_York',
          window: 'week:2026-03-02',
          window_start: '2026-03-02T05:00:00.000Z',
          window_end: '2026-03-09T04:00:00.000Z',
          count_used: 4,
          count_cap: 10,
          spend_used_cents: 2250 * 2 + 1500 * 2,
          percent_used: 40,
        },
        {
          ...source,
          subject_kind: 'source_posts',
          subject_name: name,
          period: 'hour',
          time_zone: 'America/New_York',
          window: 'hour:2026-03-08T01',
          window_start: '2026-03-08T06:00:00.000Z',
          window_end: '2026-03-08T07:00:00.000Z',
          count_used: 3,
          count_cap: 100,
          spend_used_cents: 0,
          percent_used: 3,
        },
      ])
      // Contracts that are off (the bidders, the demo's) have no rows.
      assert.ok(!body.rows.some((r: any) => r.subject_kind === 'contract' && r.subject_id !== ids.Flaky))
      const csv = (await get('/api/v1/reports/cap-pacing?format=csv')).body.trim().split('\n')
      assert.match(csv[0] as string, /^subject_kind,subject_id,subject_name,buyer_id,period,/)
      assert.equal(csv.length, body.rows.length + 1)
    })

    test('bids per buyer: pings, bids, wins, average and best bid, errors and timeouts', async () => {
      const body = (await get('/api/v1/reports/bids?from=2026-03-08&to=2026-03-09')).json()
      assert.equal(body.from, '2026-03-08T00:00:00.000Z')
      assert.equal(body.to, '2026-03-09T00:00:00.000Z')
      const row = (name: string, r: Record<string, unknown>) => ({
        buyer_id: ids[`${name}Buyer`],
        buyer_name: name,
        pings: 2,
        bids: 0,
        no_bids: 0,
        errors: 0,
        timeouts: 0,
        wins: 0,
        win_rate: 0,
        average_bid_cents: null,
        best_bid_cents: null,
        ...r,
      })
      assert.deepEqual(body.rows, [
        row('High', { bids: 2, average_bid_cents: 3300, best_bid_cents: 3500 }),
        row('Mid', { bids: 2, wins: 2, win_rate: 1, average_bid_cents: 2250, best_bid_cents: 2250 }),
        row('None', { no_bids: 2 }),
        row('Broken', { errors: 2 }),
        row('Silent', { no_bids: 1, timeouts: 1 }),
      ])
      const mid = (
        await get(`/api/v1/reports/bids?from=2026-03-08&to=2026-03-09&buyer_id=${ids.MidBuyer}`)
      ).json()
      assert.deepEqual(mid.rows, [body.rows[1]])
      const before = (await get('/api/v1/reports/bids?from=2026-03-07&to=2026-03-08T06:30:00Z')).json()
      assert.deepEqual(before.rows, [])
      const csv = (await get('/api/v1/reports/bids?from=2026-03-08&to=2026-03-09&format=csv')).body
        .trim()
        .split('\n')
      assert.equal(
        csv[0],
        'buyer_id,buyer_name,pings,bids,no_bids,errors,timeouts,wins,win_rate,average_bid_cents,best_bid_cents',
      )
      assert.equal(csv[2], `${ids.MidBuyer},Mid,2,2,0,0,0,2,1,2250,2250`)
    })

    test('delivery health per contract: outcomes, errors by cause, latency percentiles', async () => {
      const body = (await get('/api/v1/reports/delivery-health?from=2026-03-08&to=2026-03-09')).json()
      const row = (name: string, r: Record<string, unknown>) => ({
        contract_id: ids[name],
        contract_name: `${name} contract`,
        buyer_id: ids[`${name}Buyer`],
        attempts: 0,
        accepted: 0,
        rejected: 0,
        errors: 0,
        errors_timeout: 0,
        errors_connection: 0,
        errors_http_4xx: 0,
        errors_http_5xx: 0,
        errors_parse: 0,
        errors_other: 0,
        ...r,
      })
      assert.deepEqual(body.rows, [
        row('High', { attempts: 2, rejected: 2, latency_p50_ms: 40, latency_p95_ms: 80, latency_p99_ms: 80 }),
        row('Mid', {
          attempts: 2,
          accepted: 2,
          latency_p50_ms: 100,
          latency_p95_ms: 200,
          latency_p99_ms: 200,
        }),
        row('Flaky', {
          attempts: 7,
          accepted: 2,
          rejected: 1,
          errors: 4,
          errors_timeout: 1,
          errors_connection: 1,
          errors_http_5xx: 1,
          errors_parse: 1,
          // 15 30 45 60 120 300 700: nearest rank 4 of 7, then 7 of 7.
          latency_p50_ms: 60,
          latency_p95_ms: 700,
          latency_p99_ms: 700,
        }),
      ])
      const one = (
        await get(`/api/v1/reports/delivery-health?from=2026-03-08&to=2026-03-09&contract_id=${ids.Flaky}`)
      ).json()
      assert.deepEqual(one.rows, [body.rows[2]])
      const text = await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/delivery-health?from=2026-03-08&to=2026-03-09&contract_id=${ids.Flaky}`,
        headers: { ...ADMIN, accept: 'text/csv' },
      })
      assert.equal(text.statusCode, 200)
      assert.deepEqual(text.body.trim().split('\n'), [
        'contract_id,contract_name,buyer_id,attempts,accepted,rejected,errors,errors_timeout,errors_connection,errors_http_4xx,errors_http_5xx,errors_parse,errors_other,latency_p50_ms,latency_p95_ms,latency_p99_ms',
        `${ids.Flaky},Flaky contract,${ids.FlakyBuyer},7,2,1,4,1,1,0,1,1,0,60,700,700`,
      ])
    })

    test('a range that is reversed or longer than 31 days is refused', async () => {
      for (const q of ['from=2026-03-09&to=2026-03-08', 'from=2026-01-01&to=2026-03-01', 'from=yesterday']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/bids?${q}`, headers: ADMIN })
        assert.equal(res.statusCode, 400, q)
      }
    })
  })
}
