import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import cookie from '@fastify/cookie'
import Fastify, { type RouteOptions } from 'fastify'
import { DEMO } from '../../src/app/demo/demo-ids.js'
import { PERMISSIONS, PUBLIC, SIGNED_IN } from '../../src/core/accounts/permissions.js'
import { createCallerResolver } from '../../src/core/accounts/resolve-caller.js'
import { roleGrants } from '../../src/core/accounts/roles.js'
import { authorize } from '../../src/http/authorize.js'
import { jsonErrorHandler } from '../../src/http/error-handler.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS'
interface Route {
  method: Method
  url: string
  permission: unknown
}

/** Every route that answers without leadflow's own caller check, and why (docs/accounts.md). */
const PUBLIC_API_ROUTES = new Set(['POST /api/v1/session', 'POST /api/v1/password'])

function concrete(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, '1').replace(/\*$/, 'x')
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])
const MALFORMED = { payload: '{"not json', headers: { 'content-type': 'application/json' } }

for (const kind of await dialectsUnderTest()) {
  describe(`every route refuses callers without its permission [${kind}]`, () => {
    let t: TestApp
    const seen: RouteOptions[] = []
    let routes: Route[] = []
    const keyWithout = new Map<string, string>()
    let analyst: { cookie: string; csrf: string }

    before(async () => {
      t = await createTestApp(kind, { onRoute: (route) => void seen.push(route) })
      routes = seen.flatMap((r) =>
        (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
          method: method as Method,
          url: r.url,
          permission: r.config?.permission,
        })),
      )
      // One key per permission holding every other permission, so only the missing one refuses.
      for (const permission of PERMISSIONS) {
        const issued = await t.services.admin.credentials.issue({
          owner_kind: 'admin',
          label: `all but ${permission}`,
          permissions: PERMISSIONS.filter((p) => p !== permission),
        })
        keyWithout.set(permission, issued.secret)
      }
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: DEMO.users.analyst, password: DEMO.userPassword },
      })
      assert.equal(signIn.statusCode, 200, signIn.body)
      const session = signIn.cookies.find((c) => c.name === 'lf_session')!
      analyst = { cookie: `lf_session=${session.value}`, csrf: signIn.json().csrf_token }
    })
    after(() => t.close())

    test('the app registers routes, and each declares a permission or is explicitly public', () => {
      assert.ok(routes.length > 80, `only ${routes.length} routes seen`)
      for (const route of routes) {
        const known =
          route.permission === PUBLIC ||
          route.permission === SIGNED_IN ||
          PERMISSIONS.includes(route.permission as never)
        assert.ok(known, `${route.method} ${route.url} declares ${String(route.permission)}`)
      }
    })

    test('public routes are health, metrics, docs, the console, vendor protocols and sign-in only', () => {
      for (const route of routes.filter((r) => r.permission === PUBLIC)) {
        const name = `${route.method} ${route.url}`
        if (route.url.startsWith('/api/v1')) assert.ok(PUBLIC_API_ROUTES.has(name), `${name} is public`)
      }
    })

    test('without credentials every protected route is 401, even with a malformed body', async () => {
      for (const route of routes.filter((r) => r.permission !== PUBLIC)) {
        const res = await t.app.inject({
          method: route.method,
          url: concrete(route.url),
          ...(WRITES.has(route.method) ? MALFORMED : {}),
        })
        assert.equal(res.statusCode, 401, `${route.method} ${route.url}: ${res.body}`)
      }
    })

    test('a key holding every permission but the route’s is 403, before the body is read', async () => {
      for (const route of routes) {
        if (route.permission === PUBLIC || route.permission === SIGNED_IN) continue
        const secret = keyWithout.get(route.permission as string)!
        const res = await t.app.inject({
          method: route.method,
          url: concrete(route.url),
          ...(WRITES.has(route.method)
            ? { ...MALFORMED, headers: { ...MALFORMED.headers, authorization: `Bearer ${secret}` } }
            : { headers: { authorization: `Bearer ${secret}` } }),
        })
        assert.equal(res.statusCode, 403, `${route.method} ${route.url}: ${res.body}`)
      }
    })

    test('an analyst session is 403 on every route its role lacks (CSRF token sent)', async () => {
      const grants = roleGrants('analyst')
      let refused = 0
      for (const route of routes) {
        if (route.permission === PUBLIC || route.permission === SIGNED_IN) continue
        if (grants.has(route.permission as never)) continue
        const res = await t.app.inject({
          method: route.method,
          url: concrete(route.url),
          ...(WRITES.has(route.method) ? MALFORMED : {}),
          headers: {
            ...(WRITES.has(route.method) ? MALFORMED.headers : {}),
            cookie: analyst.cookie,
            'x-csrf-token': analyst.csrf,
          },
        })
        assert.equal(res.statusCode, 403, `${route.method} ${route.url}: ${res.body}`)
        refused++
      }
      assert.ok(refused > 40, `only ${refused} routes checked`)
    })

    test('source, buyer and CAKE keys are not API keys; a dialler key only takes and reports calls', async () => {
      for (const secret of [DEMO.source.token, DEMO.cakeApiKey]) {
        const res = await t.app.inject({
          method: 'GET',
          url: '/api/v1/sources',
          headers: { authorization: `Bearer ${secret}` },
        })
        assert.equal(res.statusCode, 401, res.body)
      }
      const dialler = { authorization: `Bearer ${DEMO.diallerKey}` }
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/sources', headers: dialler })).statusCode,
        403,
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/dialler/calls/999999', headers: dialler }))
          .statusCode,
        404,
      )
    })
  })
}

describe('deny by default', () => {
  test('a route that declares no permission is refused, whoever asks', async () => {
    const app = Fastify()
    await app.register(cookie)
    app.decorateRequest('caller', null)
    app.setErrorHandler(jsonErrorHandler)
    const never = async () => undefined
    const resolver = createCallerResolver(
      { find: never, touch: async () => undefined },
      { findSession: never } as never,
      { now: () => new Date() },
    )
    app.addHook('onRequest', authorize(resolver))
    app.get('/undeclared', async () => ({ ok: true }))
    const res = await app.inject({ method: 'GET', url: '/undeclared' })
    assert.equal(res.statusCode, 403)
    assert.equal(res.json().error.code, 'LF_FORBIDDEN')
    await app.close()
  })
})
