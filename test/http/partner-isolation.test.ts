import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RouteOptions } from 'fastify'
import { DEMO } from '../../src/app/demo/demo-ids.js'
import { PUBLIC, SIGNED_IN } from '../../src/core/accounts/permissions.js'
import { roleGrants } from '../../src/core/accounts/roles.js'
import { type BuyerServer, startBuyer } from '../distribution/buyer-server.js'
import { addContract, JSON_RULES, onlyTestBuyers } from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
interface Session {
  cookie: string
  csrf: string
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, '1').replace(/\*$/, 'x')
const period = () => new Date().toISOString().slice(0, 7)

/**
 * Two buyers and two sellers, each signed in to the portal: on every partner route a session sees
 * and changes only its own partner's records (another's are 404 or 403, with nothing of them in
 * the answer), and every operator route answers 403 to all four.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`partner portals never cross partners [${kind}]`, () => {
    let t: TestApp
    let buyerServer: BuyerServer
    const seen: RouteOptions[] = []
    const s = {} as Record<'buyerA' | 'buyerB' | 'sellerA' | 'sellerB', Session>
    const ids = {} as {
      buyerA: number
      buyerB: number
      contractA: number
      contractB: number
      sourceA: number
      sourceB: number
      vidB: number
      leadsA: number[]
      leadsB: number[]
    }

    const signIn = async (email: string, password: string): Promise<Session> => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } })
      assert.equal(res.statusCode, 200, res.body)
      const cookie = res.cookies.find((c) => c.name === 'lf_session')!
      return { cookie: `lf_session=${cookie.value}`, csrf: res.json().csrf_token }
    }
    const as = (who: Session, method: Method, url: string, payload?: object) =>
      raw(who, method, `/api/v1${url}`, payload)
    const raw = async (who: Session, method: Method, url: string, payload?: object) => {
      const res = await t.app.inject({
        method,
        url,
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
        ...(payload ? { payload } : {}),
      })
      return { status: res.statusCode, body: res.body, json: () => res.json() }
    }
    const post = async (vid: number, password: string, email: string, phone: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          vid: String(vid),
          lid: '1',
          password,
          Email: email,
          Phone: phone,
          Zip: '89101',
        }).toString(),
      })
      const answer = res.json()
      assert.equal(answer.ResponseType, 0, res.body)
      return Number(answer.LeadIdentifier)
    }
    const setContracts = async (active: number) => {
      for (const id of [ids.contractA, ids.contractB])
        await t.lf.db
          .updateTable('contracts')
          .set({ status: id === active ? 'active' : 'off' })
          .where('id', '=', id)
          .execute()
    }

    before(async () => {
      buyerServer = await startBuyer(() => ({ body: { status: 'accepted' } }))
      t = await createTestApp(kind, { onRoute: (r) => void seen.push(r) })
      await onlyTestBuyers(t.lf)
      const a = await addContract(t.lf, {
        buyer: 'Buyer A',
        delivery: { url: buyerServer.url, response: JSON_RULES },
      })
      const b = await addContract(t.lf, {
        buyer: 'Buyer B',
        delivery: { url: buyerServer.url, response: JSON_RULES },
      })
      Object.assign(ids, {
        buyerA: a.buyerId,
        buyerB: b.buyerId,
        contractA: a.contractId,
        contractB: b.contractId,
      })
      const sourceA = await t.lf.db
        .selectFrom('sources')
        .select('id')
        .where('vid', '=', DEMO.source.vid)
        .executeTakeFirstOrThrow()
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: ADMIN,
        payload: {
          vid: 77,
          name: 'Second Source',
          status: 'active',
          password: 'second-pw',
          require_token: false,
        },
      })
      assert.equal(created.statusCode, 201, created.body)
      Object.assign(ids, { sourceA: sourceA.id, sourceB: created.json().id, vidB: 77 })

      const users = t.services.accounts.users
      await users.plant(
        { email: 'a@buyer.test', name: 'A', role: 'buyer', buyer_id: ids.buyerA },
        'pw-a-123456',
      )
      await users.plant(
        { email: 'b@buyer.test', name: 'B', role: 'buyer', buyer_id: ids.buyerB },
        'pw-b-123456',
      )
      await users.plant(
        { email: 'b@seller.test', name: 'SB', role: 'seller', source_id: ids.sourceB },
        'pw-sb-123456',
      )
      s.buyerA = await signIn('a@buyer.test', 'pw-a-123456')
      s.buyerB = await signIn('b@buyer.test', 'pw-b-123456')
      s.sellerA = await signIn(DEMO.users.seller, DEMO.userPassword)
      s.sellerB = await signIn('b@seller.test', 'pw-sb-123456')

      // Buyer A buys source A's two leads, buyer B source B's two.
      await setContracts(ids.contractA)
      ids.leadsA = [
        await post(DEMO.source.vid, DEMO.source.password, 'one@a.test', '7025550101'),
        await post(DEMO.source.vid, DEMO.source.password, 'two@a.test', '7025550102'),
      ]
      await setContracts(ids.contractB)
      ids.leadsB = [
        await post(77, 'second-pw', 'one@b.test', '7025550201'),
        await post(77, 'second-pw', 'two@b.test', '7025550202'),
      ]
      await setContracts(ids.contractA)
    })
    after(async () => {
      await t.close()
      await buyerServer.close()
    })

    test('the demo seller user signs in to its own source', async () => {
      const me = await as(s.sellerA, 'GET', '/me')
      assert.equal(me.status, 200, me.body)
      assert.equal(me.json().role, 'seller')
      assert.equal(me.json().source_id, ids.sourceA)
    })

    test('a buyer lists, reads and exports only the leads it bought', async () => {
      for (const [who, own, other] of [
        [s.buyerA, ids.leadsA, ids.leadsB],
        [s.buyerB, ids.leadsB, ids.leadsA],
      ] as const) {
        const page = await as(who, 'GET', '/portal/buyer/leads')
        assert.equal(page.status, 200, page.body)
        assert.deepEqual(
          page
            .json()
            .items.map((l: { lead_id: number }) => l.lead_id)
            .sort(),
          [...own].sort(),
        )
        assert.equal(page.json().items[0].fields.Zip, '89101')
        for (const id of other) {
          const one = await as(who, 'GET', `/portal/buyer/leads/${id}`)
          assert.equal(one.status, 404, one.body)
          assert.doesNotMatch(one.body, /@[ab]\.test/)
        }
        const csv = await as(who, 'GET', '/portal/buyer/leads/export')
        assert.equal(csv.status, 200)
        const rows = csv.body.trim().split('\n')
        assert.equal(rows.length, own.length + 1)
        for (const id of other) assert.ok(!rows.some((r) => r.split(',')[1] === String(id)), csv.body)
      }
    })

    test("a buyer cannot return or convert another buyer's lead; nothing is written", async () => {
      const before = await t.lf.db.selectFrom('returns').select('id').execute()
      for (const path of ['return', 'conversion']) {
        const res = await as(s.buyerA, 'POST', `/portal/buyer/leads/${ids.leadsB[0]}/${path}`, {
          reason: 'Bad phone',
        })
        assert.equal(res.status, 404, res.body)
      }
      assert.equal((await t.lf.db.selectFrom('returns').select('id').execute()).length, before.length)
      assert.equal((await t.lf.db.selectFrom('conversions').select('id').execute()).length, 0)
    })

    test('a buyer returns its own lead through the LeadConduit rules, with their answers', async () => {
      const first = await as(s.buyerA, 'POST', `/portal/buyer/leads/${ids.leadsA[0]}/return`, {
        reason: 'Bad phone',
      })
      assert.equal(first.status, 200, first.body)
      assert.deepEqual(first.json(), { outcome: 'success', status: 'pending' })
      const again = await as(s.buyerA, 'POST', `/portal/buyer/leads/${ids.leadsA[0]}/return`, {
        reason: 'Bad phone',
      })
      assert.equal(again.json().outcome, 'failure')
      assert.match(again.json().reason, /already/i)
      const row = await t.lf.db
        .selectFrom('returns')
        .selectAll()
        .where('lead_id', '=', ids.leadsA[0]!)
        .executeTakeFirstOrThrow()
      assert.equal(row.buyer_id, ids.buyerA)
      assert.equal(row.channel, 'portal')
      const listed = await as(s.buyerA, 'GET', `/portal/buyer/leads/${ids.leadsA[0]}`)
      assert.equal(listed.json().return_status, 'pending')
    })

    test('statements, balance and contracts are the caller’s own; pausing needs the operator’s flag', async () => {
      const statement = await as(s.buyerA, 'GET', `/portal/buyer/statement?period=${period()}`)
      assert.equal(statement.status, 200, statement.body)
      assert.equal(statement.json().account_kind, 'buyer')
      assert.equal(statement.json().account_id, ids.buyerA)
      assert.equal(statement.json().summary.sales, 2)
      const balance = await as(s.buyerB, 'GET', '/portal/buyer/balance')
      assert.equal(balance.json().buyer_id, ids.buyerB)
      const contracts = await as(s.buyerA, 'GET', '/portal/buyer/contracts')
      assert.deepEqual(
        contracts.json().items.map((c: { id: number }) => c.id),
        [ids.contractA],
      )
      assert.equal(contracts.json().can_pause, false)
      assert.equal((await as(s.buyerA, 'POST', `/portal/buyer/contracts/${ids.contractB}/pause`)).status, 404)
      assert.equal((await as(s.buyerA, 'POST', `/portal/buyer/contracts/${ids.contractA}/pause`)).status, 403)
      await t.lf.db
        .updateTable('buyers')
        .set({ settings_json: JSON.stringify({ portalCanPause: true }) })
        .where('id', '=', ids.buyerA)
        .execute()
      const paused = await as(s.buyerA, 'POST', `/portal/buyer/contracts/${ids.contractA}/pause`)
      assert.equal(paused.status, 200, paused.body)
      assert.equal(paused.json().status, 'off')
      assert.equal((await as(s.buyerA, 'POST', `/portal/buyer/contracts/${ids.contractB}/pause`)).status, 404)
      const contractB = await t.lf.db
        .selectFrom('contracts')
        .select('status')
        .where('id', '=', ids.contractB)
        .executeTakeFirstOrThrow()
      assert.equal(contractB.status, 'off', 'untouched: it was off before')
      const resumed = await as(s.buyerA, 'POST', `/portal/buyer/contracts/${ids.contractA}/resume`)
      assert.equal(resumed.json().status, 'active')
    })

    test('a seller sees its own posts, without buyer identity unless the operator shows it', async () => {
      for (const [who, own, source] of [
        [s.sellerA, ids.leadsA, ids.sourceA],
        [s.sellerB, ids.leadsB, ids.sourceB],
      ] as const) {
        const page = await as(who, 'GET', '/portal/seller/leads')
        assert.equal(page.status, 200, page.body)
        const items = page.json().items as Array<{
          lead_id: number
          status: string
          sales: Array<Record<string, unknown>>
        }>
        assert.deepEqual(items.map((l) => l.lead_id).sort(), [...own].sort())
        for (const l of items) {
          assert.equal(l.sales.length, 1)
          assert.equal(l.sales[0]!.buyer_id, null)
          assert.equal(l.sales[0]!.buyer_name, null)
        }
        assert.doesNotMatch(page.body, /Buyer [AB]/)
        const statement = await as(who, 'GET', `/portal/seller/statement?period=${period()}`)
        assert.equal(statement.json().account_kind, 'source')
        assert.equal(statement.json().account_id, source)
        const rates = await as(who, 'GET', '/portal/seller/rates?days=7')
        assert.equal(rates.json().leads, 2)
        assert.equal(rates.json().acceptance_rate, 1)
      }
      await t.lf.db
        .updateTable('sources')
        .set({ settings_json: JSON.stringify({ showBuyers: true }) })
        .where('id', '=', ids.sourceB)
        .execute()
      const shown = await as(s.sellerB, 'GET', '/portal/seller/leads')
      assert.equal(shown.json().items[0].sales[0].buyer_name, 'Buyer B')
      const stillHidden = await as(s.sellerA, 'GET', '/portal/seller/leads')
      assert.doesNotMatch(stillHidden.body, /Buyer [AB]/)
    })

    test("a seller's posting instructions name its own ids only", async () => {
      const a = await as(s.sellerA, 'GET', '/portal/seller/posting-instructions')
      assert.equal(a.status, 200, a.body)
      assert.equal(a.json().authentication.vid, DEMO.source.vid)
      assert.doesNotMatch(a.body, /vid=77|"vid":77/)
      const b = await as(s.sellerB, 'GET', '/portal/seller/posting-instructions')
      assert.equal(b.json().authentication.vid, ids.vidB)
      assert.doesNotMatch(b.body, new RegExp(`vid=${DEMO.source.vid}&|"vid":${DEMO.source.vid},`))
      assert.doesNotMatch(a.body + b.body, /second-pw|"password":"demo"|password=demo/)
    })

    test('buyers get 403 on seller routes and sellers on buyer routes', async () => {
      for (const route of portalRoutes()) {
        const wrong = route.permission === 'portal:buyer' ? [s.sellerA, s.sellerB] : [s.buyerA, s.buyerB]
        for (const who of wrong) {
          const res = await raw(
            who,
            route.method,
            concrete(route.url),
            WRITES.has(route.method) ? { reason: 'x' } : undefined,
          )
          assert.equal(res.status, 403, `${route.method} ${route.url}: ${res.body}`)
        }
      }
    })

    test('every operator route is 403 to every partner session', async () => {
      const partnerGrants = new Set([...roleGrants('buyer'), ...roleGrants('seller')])
      let refused = 0
      for (const route of routes()) {
        if (route.permission === PUBLIC || route.permission === SIGNED_IN) continue
        if (partnerGrants.has(route.permission as never)) continue
        for (const who of Object.values(s)) {
          const res = await raw(
            who,
            route.method,
            concrete(route.url),
            WRITES.has(route.method) ? {} : undefined,
          )
          assert.equal(res.status, 403, `${route.method} ${route.url}: ${res.body}`)
          refused++
        }
      }
      assert.ok(refused > 300, `only ${refused} checks`)
    })

    function routes() {
      return seen.flatMap((r) =>
        (Array.isArray(r.method) ? r.method : [r.method])
          .filter((m) => m !== 'HEAD' && m !== 'OPTIONS')
          .map((method) => ({ method: method as Method, url: r.url, permission: r.config?.permission })),
      )
    }
    function portalRoutes() {
      const list = routes().filter((r) => r.permission === 'portal:buyer' || r.permission === 'portal:seller')
      assert.ok(list.length >= 14, `${list.length} portal routes`)
      return list
    }
  })
}
