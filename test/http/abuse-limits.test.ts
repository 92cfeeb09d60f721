import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

interface Answer {
  statusCode: number
  headers: Record<string, unknown>
  body: string
  json(): any
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const security = (overrides: Record<string, unknown>) => ({ ...loadConfig({}).security, ...overrides })

for (const kind of await dialectsUnderTest()) {
  describe(`abuse limits answer 429 in each protocol's shape [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind, { config: { security: security({ rateLimitPerCredential: 2 }) } })
    })
    after(() => t.close())

    /** Sends `send` three times under one credential; the third is over the limit of 2. */
    async function third(send: () => PromiseLike<Answer>) {
      await send()
      await send()
      const res = await send()
      assert.equal(res.statusCode, 429, res.body)
      assert.ok(Number(res.headers['retry-after']) >= 1, 'Retry-After in seconds')
      return res
    }

    test('LeadExec: a PostResponse, JSON or XML as the URL asks', async () => {
      const post = (format: string) => () =>
        t.app.inject({
          method: 'POST',
          url: `/processor/insert/general/${format}`,
          headers: FORM,
          payload: `vid=77&lid=1&password=x&Email=${format}@example.com`,
        })
      const json = await third(post('json'))
      assert.equal(json.json().isValidPost, false)
      assert.match(JSON.stringify(json.json()), /Too many requests/)
      await t.lf.db.deleteFrom('rate_limits').execute()
      const xml = await third(() =>
        t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/xml',
          headers: FORM,
          payload: 'vid=78&lid=1',
        }),
      )
      assert.match(String(xml.headers['content-type']), /xml/)
      assert.match(xml.body, /<PostResponse [\s\S]*<isValidPost>false<\/isValidPost>[\s\S]*Too many requests/)
    })

    test('LeadConduit, CAKE, Comunik8 and the native API: each in its own error shape', async () => {
      const lc = await third(() =>
        t.app.inject({
          method: 'POST',
          url: '/feedback?event_id=x',
          headers: { authorization: 'Bearer lc-key' },
        }),
      )
      assert.deepEqual(lc.json(), { outcome: 'error', reason: lc.json().reason })
      assert.match(lc.json().reason, /Too many requests/)
      const cake = await third(() =>
        t.app.inject({ method: 'GET', url: '/api/2/track.asmx/ReturnLead?api_key=cake-key&lead_id=1' }),
      )
      assert.match(cake.body, /Too many requests/)
      assert.match(String(cake.headers['content-type']), /xml/)
      const c8 = await third(() =>
        t.app.inject({ method: 'POST', url: '/lead/add?key=c8-key', headers: FORM, payload: 'a=1' }),
      )
      assert.equal(c8.json().error.code, 'LF_RATE_LIMITED')
      const native = await third(() =>
        t.app.inject({ method: 'GET', url: '/api/v1/lead-types', headers: { authorization: 'Bearer nope' } }),
      )
      assert.equal(native.json().error.code, 'LF_RATE_LIMITED')
      assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
    })
  })

  describe(`per-IP limit, production mode, sandbox and proxies [${kind}]`, () => {
    test('per-IP limit: a fourth request from one address is refused, another address is not', async () => {
      const t = await createTestApp(kind, { config: { security: security({ rateLimitPerIp: 3 }) } })
      try {
        const get = (ip: string) => t.app.inject({ method: 'GET', url: '/api/v1/reasons', remoteAddress: ip })
        for (let i = 0; i < 3; i++) await get('203.0.113.9')
        const over = await get('203.0.113.9')
        assert.equal(over.statusCode, 429)
        assert.ok(over.headers['retry-after'])
        assert.equal((await get('203.0.113.10')).statusCode, 401)
      } finally {
        await t.close()
      }
    })

    test('without --demo the demo credentials are refused on a data directory --demo made; sandbox is 404; X-Forwarded-For is ignored', async () => {
      const t = await createTestApp(kind, { config: { demo: false, security: security({}) } })
      try {
        // The demo world exists (createTestApp seeded it); this process runs in production mode.
        await t.services.admin.retireDemo()
        const key = await t.app.inject({ method: 'GET', url: '/api/v1/lead-types', headers: ADMIN })
        assert.equal(key.statusCode, 401)
        assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/lead-types' })).statusCode, 401)
        const dialler = await t.app.inject({
          method: 'POST',
          url: '/lead/add?key=demo-dialler-key',
          headers: FORM,
          payload: 'phone=07700900123',
        })
        assert.equal(dialler.statusCode, 401)
        const post = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: { ...FORM, 'x-forwarded-for': '8.8.8.8' },
          payload: 'vid=1&lid=1&aid=1&password=demo&Email=prod@example.com&Phone=3105550100&Zip=90210',
        })
        assert.equal(post.json().isValidPost, false)
        assert.equal(post.json().ResponseType, 4)
        const sandbox = await t.app.inject({ method: 'POST', url: '/sandbox/acme/post', payload: { a: 1 } })
        assert.equal(sandbox.statusCode, 404)

        // trustProxy is off by default: the stored lead IP is the peer's, not X-Forwarded-For.
        await t.services.admin.seedDemo()
        const sold = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: { ...FORM, 'x-forwarded-for': '8.8.8.8' },
          remoteAddress: '198.51.100.7',
          payload: 'vid=1&lid=1&aid=1&password=demo&Email=xff@example.com&Phone=3105550123&Zip=90210',
        })
        assert.equal(sold.json().isValidPost, true, sold.body)
        const lead = await t.lf.db
          .selectFrom('leads')
          .select('ip')
          .where('id', '=', sold.json().LeadIdentifier)
          .executeTakeFirstOrThrow()
        assert.equal(lead.ip, '198.51.100.7')

        // --demo again on the same database: the demo credentials work again.
        await t.services.admin.seedDemo()
        assert.equal(
          (await t.app.inject({ method: 'GET', url: '/api/v1/lead-types', headers: ADMIN })).statusCode,
          200,
        )
      } finally {
        await t.close()
      }
    })
  })
}
