import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DEMO } from '../../../src/app/demo/demo-ids.js'
import { totpCode } from '../../../src/core/accounts/totp.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { startSmtp, type TestSmtp } from '../../helpers/smtp-server.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

interface Session {
  cookie: string
  csrf: string
}

for (const kind of await dialectsUnderTest()) {
  describe(`accounts: sessions, CSRF, two-factor, invitations, audit, keys [${kind}]`, () => {
    let t: TestApp
    let smtp: TestSmtp
    before(async () => {
      smtp = await startSmtp()
      t = await createTestApp(kind, { config: { smtpUrl: smtp.url, mailFrom: 'leadflow <lf@test>' } })
    })
    after(async () => {
      await t.close()
      await smtp.close()
    })

    const signIn = async (email: string, password: string, totp?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password, ...(totp ? { totp } : {}) },
      })

    async function session(email: string, password: string, totp?: string): Promise<Session> {
      const res = await signIn(email, password, totp)
      assert.equal(res.statusCode, 200, res.body)
      const cookie = res.cookies.find((c) => c.name === 'lf_session')!
      return { cookie: `lf_session=${cookie.value}`, csrf: res.json().csrf_token }
    }

    const as = (
      s: Session,
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: object,
      csrf = true,
    ) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) },
        ...(payload ? { payload } : {}),
      })

    test('sign-in sets an HttpOnly SameSite=Strict cookie; wrong passwords and unknown emails answer alike', async () => {
      const wrong = await signIn(DEMO.users.owner, 'nope')
      const unknown = await signIn('nobody@demo.test', 'nope')
      assert.equal(wrong.statusCode, 401)
      assert.deepEqual(wrong.json(), unknown.json())
      const res = await signIn(DEMO.users.owner, DEMO.userPassword)
      assert.equal(res.statusCode, 200)
      const cookie = res.cookies.find((c) => c.name === 'lf_session')!
      assert.equal(cookie.httpOnly, true)
      assert.equal(cookie.sameSite, 'Strict')
      assert.ok(!JSON.stringify(res.json()).includes(cookie.value), 'the session token is only in the cookie')
    })

    test('GET /me names the user and its permissions; a state change needs the CSRF header', async () => {
      const owner = await session(DEMO.users.owner, DEMO.userPassword)
      const me = (await as(owner, 'GET', '/me', undefined, false)).json()
      assert.equal(me.label, DEMO.users.owner)
      assert.equal(me.role, 'owner')
      assert.ok(me.permissions.includes('users:write'))
      const forged = await as(owner, 'POST', '/buyers', { name: 'Forged' }, false)
      assert.equal(forged.statusCode, 403)
      assert.equal(forged.json().error.code, 'LF_CSRF')
      const wrongToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/buyers',
        headers: { cookie: owner.cookie, 'x-csrf-token': 'guess' },
        payload: { name: 'Forged' },
      })
      assert.equal(wrongToken.statusCode, 403)
      assert.equal((await as(owner, 'POST', '/buyers', { name: 'Made by owner' })).statusCode, 201)
    })

    test('sign-out ends the session', async () => {
      const s = await session(DEMO.users.operator, DEMO.userPassword)
      assert.equal((await as(s, 'DELETE', '/session')).statusCode, 204)
      assert.equal((await as(s, 'GET', '/me')).statusCode, 401)
    })

    test('an invitation is emailed, sets a password once, and the audit log records who did what', async () => {
      const owner = await session(DEMO.users.owner, DEMO.userPassword)
      const invited = await as(owner, 'POST', '/users', { email: 'New.Op@demo.test', role: 'operator' })
      assert.equal(invited.statusCode, 201, invited.body)
      const { url, emailed, user } = invited.json()
      assert.equal(emailed, true)
      assert.ok(
        smtp.messages.some(
          (m) => m.includes('new.op@demo.test') && m.replace(/=\r\n/g, '').includes(url.split('token=')[1]),
        ),
      )
      const token = new URL(url.replace('#/password', 'password')).searchParams.get('token')!
      const set = await t.app.inject({
        method: 'POST',
        url: '/api/v1/password',
        payload: { token, password: 'a long enough password' },
      })
      assert.equal(set.statusCode, 200, set.body)
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/password',
        payload: { token, password: 'another long password' },
      })
      assert.equal(again.statusCode, 401)
      await session('new.op@demo.test', 'a long enough password')

      const audit = await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit?resource=user&resource_id=${user.id}`,
        headers: ADMIN,
      })
      assert.equal(audit.statusCode, 200)
      const actions = audit.json().items.map((e: { action: string }) => e.action)
      assert.deepEqual(actions.sort(), ['user.create', 'user.invite', 'user.invite-redeem'])
      const created = audit.json().items.find((e: { action: string }) => e.action === 'user.create')
      assert.equal(created.actor_label, DEMO.users.owner)
      assert.equal(created.after.email, 'new.op@demo.test')
      assert.ok(!JSON.stringify(audit.json()).includes('scrypt$'), 'no password hash in the audit log')
    })

    test('an operator cannot manage users; an owner cannot demote the last owner', async () => {
      const op = await session(DEMO.users.operator, DEMO.userPassword)
      assert.equal((await as(op, 'POST', '/users', { email: 'x@demo.test', role: 'owner' })).statusCode, 403)
      const owner = await session(DEMO.users.owner, DEMO.userPassword)
      const me = (await as(owner, 'GET', '/me')).json()
      const demote = await as(owner, 'PATCH', `/users/${me.id}`, { role: 'analyst' })
      assert.equal(demote.statusCode, 409)
    })

    test('two-factor: confirmed with a code, then sign-in needs one', async () => {
      const s = await session(DEMO.users.analyst, DEMO.userPassword)
      const begun = await as(s, 'POST', '/me/totp')
      assert.equal(begun.statusCode, 200)
      const { secret, uri } = begun.json()
      assert.match(uri, /^otpauth:\/\/totp\//)
      const code = totpCode(secret, DEMO.users.analyst, t.lf.clock.now())
      assert.equal((await as(s, 'POST', '/me/totp/confirm', { code })).json().totp_enabled, true)
      const without = await signIn(DEMO.users.analyst, DEMO.userPassword)
      assert.equal(without.statusCode, 401)
      assert.equal(without.json().error.code, 'LF_TOTP_REQUIRED')
      assert.equal((await signIn(DEMO.users.analyst, DEMO.userPassword, '000000')).statusCode, 401)
      await session(
        DEMO.users.analyst,
        DEMO.userPassword,
        totpCode(secret, DEMO.users.analyst, t.lf.clock.now()),
      )
    })

    test('a key never grants more than its maker holds', async () => {
      const maker = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: ADMIN,
        payload: { owner_kind: 'admin', permissions: ['credentials:write'] },
      })
      const headers = { authorization: `Bearer ${maker.json().secret}` }
      const wider = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers,
        payload: { owner_kind: 'admin', permissions: ['config:write'] },
      })
      assert.equal(wider.statusCode, 403)
      const all = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers,
        payload: { owner_kind: 'admin', permissions: ['*'] },
      })
      assert.equal(all.statusCode, 403)
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: ADMIN,
        payload: { owner_kind: 'admin', permissions: ['everything'] },
      })
      assert.equal(unknown.statusCode, 400)
    })

    test('rotation returns a new secret once; the old one works through the grace period, then not', async () => {
      const issued = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: ADMIN,
        payload: { owner_kind: 'admin', label: 'rotating', permissions: ['config:read'] },
      })
      const old = issued.json()
      const rotated = await t.app.inject({
        method: 'POST',
        url: `/api/v1/credentials/${old.id}/rotate`,
        headers: ADMIN,
        payload: { grace_hours: 0 },
      })
      assert.equal(rotated.statusCode, 201, rotated.body)
      const next = rotated.json()
      assert.notEqual(next.secret, old.secret)
      assert.deepEqual(next.permissions, ['config:read'])
      const read = (secret: string) =>
        t.app.inject({
          method: 'GET',
          url: '/api/v1/sources',
          headers: { authorization: `Bearer ${secret}` },
        })
      assert.equal((await read(next.secret)).statusCode, 200)
      assert.equal((await read(old.secret)).statusCode, 401, 'a zero grace period ends the old key at once')
      const listed = (
        await t.app.inject({ method: 'GET', url: `/api/v1/credentials/${old.id}`, headers: ADMIN })
      ).json()
      assert.equal(listed.rotated_to, next.id)
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/credentials/${old.id}/rotate`,
        headers: ADMIN,
        payload: {},
      })
      assert.equal(again.statusCode, 409)

      const graced = await t.app.inject({
        method: 'POST',
        url: `/api/v1/credentials/${next.id}/rotate`,
        headers: ADMIN,
        payload: {},
      })
      assert.equal((await read(next.secret)).statusCode, 200, 'the default grace keeps the old key working')
      assert.equal((await read(graced.json().secret)).statusCode, 200)
      const audit = await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit?action=credential.rotate&limit=1`,
        headers: ADMIN,
      })
      assert.equal(audit.json().items[0].resource_id, String(next.id))
      assert.equal(audit.json().next_cursor, String(audit.json().items[0].id))
    })

    test('an IP allow-list refuses the key from elsewhere, and last use is recorded', async () => {
      const issued = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: ADMIN,
        payload: { owner_kind: 'admin', permissions: ['config:read'], allowed_cidrs: ['10.0.0.0/8'] },
      })
      const { secret, id } = issued.json()
      const headers = { authorization: `Bearer ${secret}` }
      const outside = await t.app.inject({ method: 'GET', url: '/api/v1/sources', headers })
      assert.equal(outside.statusCode, 401)
      const inside = await t.app.inject({
        method: 'GET',
        url: '/api/v1/sources',
        headers,
        remoteAddress: '10.1.2.3',
      })
      assert.equal(inside.statusCode, 200)
      const record = (
        await t.app.inject({ method: 'GET', url: `/api/v1/credentials/${id}`, headers: ADMIN })
      ).json()
      assert.ok(record.last_used_at)
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: ADMIN,
        payload: { owner_kind: 'admin', allowed_cidrs: ['10.0.0.0/99'] },
      })
      assert.equal(bad.statusCode, 400)
    })

    test('a changed LEADFLOW_ADMIN_KEY replaces the key planted from the old value', async () => {
      const credentials = t.services.admin.credentials
      await credentials.ensureAdminKey('first-bootstrap-key')
      const read = (secret: string) =>
        t.app.inject({
          method: 'GET',
          url: '/api/v1/sources',
          headers: { authorization: `Bearer ${secret}` },
        })
      assert.equal((await read('first-bootstrap-key')).statusCode, 200)
      await credentials.ensureAdminKey('second-bootstrap-key')
      assert.equal((await read('second-bootstrap-key')).statusCode, 200)
      assert.equal((await read('first-bootstrap-key')).statusCode, 401)
      await credentials.ensureAdminKey('second-bootstrap-key')
      assert.equal((await read('second-bootstrap-key')).statusCode, 200, 'an unchanged value keeps its key')
    })
  })
}
