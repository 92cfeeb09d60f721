import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

const NOW = new Date('2026-11-23T12:00:00.000Z')
const DIALLER = { authorization: 'Bearer demo-dialler-key' }

for (const kind of await dialectsUnderTest()) {
  describe(`native dialler API [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind, { clock: { now: () => NOW } })
    })
    after(() => t.close())

    const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers = ADMIN) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      })

    test('campaigns: create, read, list, patch settings; the demo campaign is there', async () => {
      const list = await api('GET', '/dialler/campaigns')
      assert.equal(list.statusCode, 200)
      assert.ok(
        list
          .json()
          .campaigns.some(
            (c: { type: string; subtype: string }) => c.type === 'motor-trade' && c.subtype === 'valeter',
          ),
      )
      const created = await api('POST', '/dialler/campaigns', {
        type: 'solar',
        subtype: 'panels',
        settings: { retry: { maxAttempts: 5, spacingSeconds: [60] }, timeZone: 'Europe/Dublin' },
      })
      assert.equal(created.statusCode, 201)
      const campaign = created.json().campaign
      assert.equal(campaign.name, 'solar / panels')
      assert.equal(campaign.settings.retry.maxAttempts, 5)
      assert.equal(campaign.settings.callingHours.start, '08:00')
      const patched = await api('PATCH', `/dialler/campaigns/${campaign.id}`, {
        settings: { callingHours: { start: '10:00', end: '18:00', days: [1, 2, 3, 4, 5] } },
      })
      assert.equal(patched.statusCode, 200)
      assert.equal(patched.json().campaign.settings.callingHours.start, '10:00')
      assert.equal(patched.json().campaign.settings.retry.maxAttempts, 5)
      const one = await api('GET', `/dialler/campaigns/${campaign.id}`)
      assert.equal(one.json().campaign.settings.timeZone, 'Europe/Dublin')
    })

    test('campaign errors: duplicate 409, bad settings 400, unknown id 404, bad body 400, no key 401', async () => {
      const dup = await api('POST', '/dialler/campaigns', { type: 'motor-trade', subtype: 'valeter' })
      assert.equal(dup.statusCode, 409)
      assert.equal(dup.json().error.code, 'LF_CONFLICT')
      const bad = await api('POST', '/dialler/campaigns', {
        type: 'x',
        settings: { timeZone: 'Nowhere/Land' },
      })
      assert.equal(bad.statusCode, 400)
      assert.deepEqual(bad.json().error.details, ['timeZone must be an IANA time zone'])
      assert.equal((await api('GET', '/dialler/campaigns/999999')).statusCode, 404)
      assert.equal((await api('PATCH', '/dialler/campaigns/999999', { name: 'n' })).statusCode, 404)
      assert.equal((await api('GET', '/dialler/campaigns/abc')).statusCode, 400)
      assert.equal((await api('GET', '/dialler/campaigns/99999999999')).statusCode, 400)
      assert.equal((await api('POST', '/dialler/campaigns', { subtype: 'x' })).statusCode, 400)
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/dialler/campaigns',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        payload: '{"type": ',
      })
      assert.equal(malformed.statusCode, 400)
      assert.equal((await api('GET', '/dialler/campaigns', undefined, {} as typeof ADMIN)).statusCode, 401)
      // A dialler key may take and report, not manage campaigns: a known caller without the permission, 403.
      assert.equal((await api('GET', '/dialler/campaigns', undefined, DIALLER)).statusCode, 403)
    })

    test('take, report and list the queue with a dialler key', async () => {
      const added = await t.app.inject({
        method: 'POST',
        url: '/lead/add?key=demo-dialler-key',
        payload: {
          first_name: 'Jo',
          surname: 'Bloggs',
          mobile: '07911123456',
          email: 'jo@example.com',
          type: 'motor-trade',
        },
      })
      assert.deepEqual(added.json(), { saved: true, processed: true })
      const campaigns = (await api('GET', '/dialler/campaigns')).json().campaigns
      const id = campaigns.find((c: { type: string }) => c.type === 'motor-trade').id
      const queued = await api('GET', `/dialler/calls?campaignId=${id}&status=scheduled&mobile=07911123456`)
      assert.equal(queued.statusCode, 200)
      assert.equal(queued.json().calls.length, 1)
      const taken = await api('POST', `/dialler/campaigns/${id}/take`, { dialler: 'agent-7' }, DIALLER)
      const call = taken.json().call
      assert.equal(call.claimedBy, 'agent-7')
      assert.equal(call.firstName, 'Jo')
      assert.equal(
        (await api('GET', `/dialler/calls/${call.id}`, undefined, DIALLER)).json().call.status,
        'in_progress',
      )
      const wrong = await api(
        'POST',
        `/dialler/calls/${call.id}/result`,
        { result: 'sale', dialler: 'agent-8' },
        DIALLER,
      )
      assert.equal(wrong.statusCode, 409)
      const badResult = await api('POST', `/dialler/calls/${call.id}/result`, { result: 'maybe' }, DIALLER)
      assert.equal(badResult.statusCode, 400)
      const noWhen = await api('POST', `/dialler/calls/${call.id}/result`, { result: 'callback' }, DIALLER)
      assert.equal(noWhen.statusCode, 400)
      const past = await api(
        'POST',
        `/dialler/calls/${call.id}/result`,
        { result: 'callback', callbackAt: '2026-11-23T11:00:00Z' },
        DIALLER,
      )
      assert.equal(past.statusCode, 400)
      const cb = await api(
        'POST',
        `/dialler/calls/${call.id}/result`,
        { result: 'callback', callbackAt: '2026-11-24T10:30:00Z', dialler: 'agent-7' },
        DIALLER,
      )
      assert.equal(cb.statusCode, 200)
      assert.equal(cb.json().call.status, 'scheduled')
      assert.equal(cb.json().call.dueAt, '2026-11-24T10:30:00.000Z')
      const twice = await api('POST', `/dialler/calls/${call.id}/result`, { result: 'sale' }, DIALLER)
      assert.equal(twice.statusCode, 409)
      assert.equal(
        (await api('POST', '/dialler/calls/999999/result', { result: 'sale' }, DIALLER)).statusCode,
        404,
      )
      assert.equal((await api('GET', '/dialler/calls/999999', undefined, DIALLER)).statusCode, 404)
      assert.equal((await api('POST', '/dialler/campaigns/999999/take', undefined, DIALLER)).statusCode, 404)
      const nothing = await api('POST', `/dialler/campaigns/${id}/take`, undefined, DIALLER)
      assert.deepEqual(nothing.json(), { call: null })
      const badName = await api('POST', `/dialler/campaigns/${id}/take`, { dialler: 7 }, DIALLER)
      assert.equal(badName.statusCode, 400)
      const wrongKey = await api('POST', `/dialler/campaigns/${id}/take`, undefined, {
        authorization: 'Bearer nope',
      })
      assert.equal(wrongKey.statusCode, 401)
    })

    test('queue listing validates its filters', async () => {
      assert.equal((await api('GET', '/dialler/calls?status=ringing')).statusCode, 400)
      assert.equal((await api('GET', '/dialler/calls?mobile=123')).statusCode, 400)
      assert.equal((await api('GET', '/dialler/calls?limit=5000')).statusCode, 400)
      assert.equal((await api('GET', '/dialler/calls?dueBefore=yesterday')).statusCode, 400)
      const due = await api('GET', '/dialler/calls?dueBefore=2030-01-01T00:00:00Z&limit=5')
      assert.equal(due.statusCode, 200)
      assert.ok(due.json().calls.length <= 5)
      assert.equal((await api('GET', '/dialler/calls', undefined, DIALLER)).statusCode, 403)
    })
  })
}
