import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { freePort } from '../helpers/child-server.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type Browser, buildConsole, openBrowser, requireChromium, screenshot, signIn } from './browser.js'

/**
 * The screens for what the backend already did without a console (docs/console.md): webhooks
 * with their secret, delivery log and replay against a real local receiver; alert rules;
 * re-distribution rules; and the editors' new settings, read back through the API. An analyst
 * sees them all without a write button.
 */
const run = requireChromium('test/console/console-more-browser.test.ts')

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

describe('console: webhooks, alert rules, re-distribution and the editors’ new settings', {
  skip: !run,
}, () => {
  let t: TestApp
  let base: string
  let browser: Browser
  let page: Page
  let receiver: Server
  let hookUrl: string
  const received: Received[] = []
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true }).click()
  const toast = (text: string | RegExp) => page.getByRole('status').getByText(text).first().waitFor()
  const confirmWith = (label: string) => page.getByRole('dialog').getByRole('button', { name: label }).click()
  const api = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url, headers: ADMIN, ...(payload ? { payload } : {}) })
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`)
    return res.statusCode === 204 ? null : res.json()
  }
  /** Runs the jobs (the app's worker is not started in tests) until the receiver has `n` requests. */
  const drainUntilReceived = async (n: number) => {
    const deadline = Date.now() + 60_000
    while (received.length < n) {
      assert.ok(Date.now() < deadline, `the receiver got ${received.length} of ${n} deliveries in 60 s`)
      await t.lf.worker.drain()
      if (received.length < n) await new Promise((r) => setTimeout(r, 100))
    }
  }
  const fieldError = (name: string, text: RegExp) =>
    page
      .locator('.field', { has: page.locator(`[name="${name}"]`) })
      .getByRole('alert')
      .getByText(text)
      .waitFor()

  before(async () => {
    buildConsole()
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => {
        body += chunk
      })
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    t = await createTestApp('sqlite', { config: { publicUrl: base } })
    await t.app.listen({ port, host: '127.0.0.1' })
    browser = await openBrowser()
    page = browser.page
    await signIn(page, base, 'owner@demo.test', 'demo')
  })

  after(async () => {
    await browser?.close()
    await t?.close()
    await new Promise((resolve) => receiver?.close(resolve))
  })

  test('webhooks: the secret is shown once; a lead is delivered, logged and replayed; rotate, disable, delete', async () => {
    await nav('Webhooks')
    await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor()
    await page.getByText('No endpoints yet.').waitFor()

    // No event chosen: refused on the form, nothing sent.
    await page.getByLabel('URL').fill(hookUrl)
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByText('Choose at least one event').waitFor()
    await page.getByLabel('Description').fill('Local receiver')
    await page.getByLabel('lead.accepted', { exact: true }).check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await toast(`Endpoint ${hookUrl} registered.`)
    const secret = (await page.getByLabel('Signing secret').textContent())?.trim() ?? ''
    assert.match(secret, /^whsec_/)
    await screenshot(page, 'webhook-secret')
    const [endpoint] = (await api('GET', '/api/v1/webhooks')).items
    assert.deepEqual(endpoint.event_types, ['lead.accepted'])
    assert.equal(endpoint.secret, undefined, 'the list never carries the secret')
    await page.getByRole('button', { name: 'I have stored it' }).click()
    await page.getByLabel('Signing secret').waitFor({ state: 'detached' })

    // A real lead: intake announces lead.accepted, the worker delivers it to the receiver.
    const res = await fetch(`${base}/processor/insert/general/json`, {
      method: 'POST',
      body: new URLSearchParams({
        vid: '1',
        lid: '1',
        aid: '1',
        password: 'demo',
        FirstName: 'Ada',
        LastName: 'Hook',
        Email: 'ada.hook@example.com',
        Phone: '7025553001',
        Zip: '89101',
        State: 'NV',
      }),
    })
    assert.equal(res.status, 200)
    await drainUntilReceived(1)
    const first = received[0]!
    assert.equal(JSON.parse(first.body).type, 'lead.accepted')

    const row = page.locator('tr', { hasText: hookUrl })
    await row.getByRole('button', { name: 'Deliveries' }).click()
    const log = page.getByRole('table', { name: 'Deliveries' })
    await log.getByText('succeeded').waitFor()
    await log.getByRole('cell', { name: 'lead.accepted' }).waitFor()
    await log.getByRole('cell', { name: String(first.headers['webhook-id']), exact: true }).waitFor()
    await screenshot(page, 'webhooks')

    await log.getByRole('button', { name: /^Replay / }).click()
    await toast(/queued again/)
    await drainUntilReceived(2)
    assert.equal(
      received[1]!.headers['webhook-id'],
      first.headers['webhook-id'],
      'a replay keeps the webhook-id',
    )
    assert.equal(received[1]!.body, first.body)

    // Rotate only after confirming; the new secret is shown once and differs.
    await row.getByRole('button', { name: 'Rotate secret' }).click()
    await confirmWith('Rotate secret')
    await toast(`Secret of ${hookUrl} rotated.`)
    const rotated = (await page.getByLabel('Signing secret').textContent())?.trim() ?? ''
    assert.match(rotated, /^whsec_/)
    assert.notEqual(rotated, secret)
    await page.getByRole('button', { name: 'I have stored it' }).click()

    await row.getByRole('button', { name: 'Disable' }).click()
    await toast(`${hookUrl} disabled.`)
    assert.equal((await api('GET', `/api/v1/webhooks/${endpoint.id}`)).enabled, false)
    await row.getByRole('button', { name: 'Enable' }).click()
    await toast(`${hookUrl} enabled.`)
    assert.equal((await api('GET', `/api/v1/webhooks/${endpoint.id}`)).enabled, true)

    // A partner's endpoint, then deleted through the confirmation.
    const acme = (await api('GET', '/api/v1/buyers')).items.find(
      (b: { name: string }) => b.name === 'Acme Insurance',
    )
    const partnerUrl = `${hookUrl}/acme`
    await page.getByLabel('URL').fill(partnerUrl)
    await page.getByLabel('Partner').selectOption(`buyer:${acme.id}`)
    await page.getByLabel('lead.sold', { exact: true }).check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await toast(`Endpoint ${partnerUrl} registered.`)
    await page.getByRole('button', { name: 'I have stored it' }).click()
    const scoped = (await api('GET', '/api/v1/webhooks')).items.find(
      (e: { url: string }) => e.url === partnerUrl,
    )
    assert.equal(scoped.buyer_id, acme.id)
    const partnerRow = page.locator('tr', { hasText: partnerUrl })
    await partnerRow.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    assert.equal((await api('GET', '/api/v1/webhooks')).items.length, 2)
    await partnerRow.getByRole('button', { name: 'Delete' }).click()
    await confirmWith('Delete endpoint')
    await toast(`${partnerUrl} deleted.`)
    await partnerRow.waitFor({ state: 'detached' })
    assert.equal((await api('GET', '/api/v1/webhooks')).items.length, 1)
  })

  test('alert rules: a bad threshold is shown on its field; the rule is created and listed', async () => {
    await nav('Alert rules')
    await page.getByRole('heading', { name: 'Alert rules' }).waitFor()
    await page.getByLabel('Name').fill('Rejects from Demo Source')
    await page.getByLabel('When').selectOption('source.reject_rate')
    await page.getByLabel('Email to').fill('quality@example.com, ops@example.com')
    await page.getByLabel('Window (minutes)').fill('30')
    await page.getByLabel('Rejected at least (%)').fill('150')
    await page.getByLabel('Over at least (leads)').fill('20')
    await page.getByLabel('Also send an alert.triggered webhook').check()
    await page.getByRole('button', { name: 'Add rule' }).click()
    await fieldError('threshold_percent', /100/)
    assert.equal((await api('GET', '/api/v1/alert-rules')).items.length, 0)

    await page.getByLabel('Rejected at least (%)').fill('50')
    await page.getByRole('button', { name: 'Add rule' }).click()
    await toast('Alert rule Rejects from Demo Source created.')
    const row = page.locator('tr', { hasText: 'Rejects from Demo Source' })
    await row.getByText('≥ 50 % rejected in 30 min (at least 20 leads)').waitFor()
    await row.getByText(/quality@example\.com, ops@example\.com, webhook/).waitFor()
    const [rule] = (await api('GET', '/api/v1/alert-rules')).items
    assert.equal(rule.event_type, 'source.reject_rate')
    assert.deepEqual(rule.emails, ['quality@example.com', 'ops@example.com'])
    assert.equal(rule.webhook, true)
    assert.equal(rule.threshold_percent, 50)

    await row.getByRole('button', { name: 'Edit Rejects from Demo Source' }).click()
    await page.getByRole('heading', { name: 'Edit rule Rejects from Demo Source' }).waitFor()
    assert.equal(await page.getByLabel('Rejected at least (%)').inputValue(), '50')
    await page.getByLabel('Rejected at least (%)').fill('60')
    await page.getByLabel('Also send an alert.triggered webhook').uncheck()
    await page.getByRole('button', { name: 'Save rule' }).click()
    await toast('Alert rule Rejects from Demo Source saved.')
    await row.getByText('≥ 60 % rejected in 30 min (at least 20 leads)').waitFor()
    const edited = (await api('GET', '/api/v1/alert-rules')).items[0]
    assert.equal(edited.id, rule.id)
    assert.equal(edited.threshold_percent, 60)
    assert.equal(edited.webhook, false)
    await page.getByRole('heading', { name: 'Add an alert rule' }).waitFor()

    await page.getByLabel('Name').fill('Contract paused')
    await page.getByLabel('When').selectOption('contract.paused')
    await page.getByLabel('Email to').fill('ops@example.com')
    await page.getByRole('button', { name: 'Add rule' }).click()
    await toast('Alert rule Contract paused created.')
    await page.locator('tr', { hasText: 'Contract paused' }).waitFor()
    await screenshot(page, 'alerts')
  })

  test('re-distribution rules: created, edited and deleted after confirming', async () => {
    await nav('Re-distribution')
    await page.getByRole('heading', { name: 'Re-distribution rules' }).waitFor()
    await page.getByLabel('Name').fill('Unsold after an hour')
    await page.locator('select[name="lid"] option[value="1"]').waitFor({ state: 'attached' })
    await page.getByLabel('Lead type').selectOption('1')
    await page.getByLabel('returned', { exact: true }).check()
    await page.getByLabel('After (minutes)').fill('60')
    await page.getByLabel('Max offers').fill('3')
    await page.getByLabel('Max consent age (days)').fill('30')
    await page.getByRole('button', { name: 'Add rule' }).click()
    await toast('Re-distribution rule Unsold after an hour created.')
    const row = page.locator('tr', { hasText: 'Unsold after an hour' })
    await row.getByRole('cell', { name: 'unsold, returned' }).waitFor()
    const [created] = (await api('GET', '/api/v1/redistribution-rules')).items
    assert.deepEqual(
      {
        lid: created.lid,
        vid: created.vid,
        statuses: created.statuses,
        after: created.after_minutes,
        attempts: created.max_attempts,
        consent: created.max_consent_age_days,
      },
      { lid: 1, vid: null, statuses: ['unsold', 'returned'], after: 60, attempts: 3, consent: 30 },
    )

    await row.getByRole('button', { name: 'Edit Unsold after an hour' }).click()
    await page.getByRole('heading', { name: 'Edit rule Unsold after an hour' }).waitFor()
    assert.equal(await page.getByLabel('After (minutes)').inputValue(), '60')
    await page.getByLabel('After (minutes)').fill('120')
    await page.getByLabel('Max consent age (days)').fill('')
    await page.getByRole('button', { name: 'Save rule' }).click()
    await toast('Re-distribution rule Unsold after an hour saved.')
    await row.getByRole('cell', { name: '120', exact: true }).waitFor()
    const edited = await api('GET', `/api/v1/redistribution-rules/${created.id}`)
    assert.equal(edited.after_minutes, 120)
    assert.equal(edited.max_consent_age_days, null)
    await screenshot(page, 'redistribution')

    await row.getByRole('button', { name: 'Delete Unsold after an hour' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    assert.equal((await api('GET', '/api/v1/redistribution-rules')).items.length, 1)
    await row.getByRole('button', { name: 'Delete Unsold after an hour' }).click()
    await confirmWith('Delete rule')
    await toast('Re-distribution rule Unsold after an hour deleted.')
    await row.waitFor({ state: 'detached' })
    assert.equal((await api('GET', '/api/v1/redistribution-rules')).items.length, 0)
  })

  test('editors: buyer caps and portal pause; a contract with test leads and a ZIP radius; source and lead type flags', async () => {
    const acme = (await api('GET', '/api/v1/buyers')).items.find(
      (b: { name: string }) => b.name === 'Acme Insurance',
    )
    await page.goto(`${base}/console/buyers/${acme.id}`)
    await page.getByRole('heading', { name: 'Acme Insurance' }).waitFor()
    await page.getByRole('button', { name: 'Add a cap' }).click()
    await page.locator('input[name="caps.0.count"]').fill('50')
    await page.locator('input[name="caps.0.spend"]').fill('1000')
    await page.getByLabel('Time zone of its caps').fill('Mars/Olympus')
    await page.getByLabel('May pause its own contracts in the buyer portal').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await fieldError('timeZone', /unknown time zone/)
    await page.getByLabel('Time zone of its caps').fill('America/Chicago')
    await page.getByRole('button', { name: 'Save' }).click()
    await toast('Buyer Acme Insurance saved.')
    const buyer = await api('GET', `/api/v1/buyers/${acme.id}`)
    assert.deepEqual(buyer.settings.caps, [{ period: 'day', count: 50, spendCents: 100_000 }])
    assert.equal(buyer.settings.timeZone, 'America/Chicago')
    assert.equal(buyer.settings.portalCanPause, true)
    await screenshot(page, 'buyer-caps')

    const [contract] = (await api('GET', `/api/v1/contracts?buyer_id=${acme.id}`)).items
    await page.goto(`${base}/console/contracts/${contract.id}`)
    await page.getByRole('heading', { name: contract.name }).waitFor()
    const filters = contract.filters.length
    await page.getByLabel('Accepts test leads').check()
    await page.getByRole('button', { name: 'Add a filter' }).click()
    await page.locator(`select[name="filters.${filters}.op"]`).selectOption('within_miles')
    await page.locator(`input[name="filters.${filters}.zip"]`).fill('00000')
    await page.locator(`input[name="filters.${filters}.miles"]`).fill('25')
    await page.getByRole('button', { name: 'Save' }).click()
    await fieldError(`filters.${filters}.zip`, /known 5-digit US ZIP/)
    await page.locator(`input[name="filters.${filters}.zip"]`).fill('89101')
    await page.getByRole('button', { name: 'Save' }).click()
    await toast(`Contract ${contract.name} saved.`)
    const saved = await api('GET', `/api/v1/contracts/${contract.id}`)
    assert.equal(saved.settings.acceptsTestLeads, true)
    assert.deepEqual(saved.filters.at(-1), { op: 'within_miles', zip: '89101', miles: 25 })
    assert.equal(saved.filters.length, filters + 1)

    await page.goto(`${base}/console/sources/1`)
    await page.getByRole('heading', { name: 'Source 1' }).waitFor()
    await page.getByLabel('Test source: every lead it posts is a test lead').check()
    await page.getByLabel('Show it its buyers in the seller portal').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await toast('Source 1 · Demo Source saved.')
    const source = await api('GET', '/api/v1/sources/1')
    assert.equal(source.settings.test, true)
    assert.equal(source.settings.showBuyers, true)

    await page.goto(`${base}/console/lead-types/1`)
    await page.getByRole('heading', { name: 'Lead type 1' }).waitFor()
    await page.getByLabel('dnc', { exact: true }).check()
    await page.getByLabel('When a check fails').selectOption('record')
    await page.getByLabel('Max consent age (days)').fill('5000')
    await page.getByRole('button', { name: 'Save' }).click()
    await fieldError('compliance.maxConsentAgeDays', /3650/)
    await page.getByLabel('Max consent age (days)').fill('30')
    await page.getByRole('button', { name: 'Save' }).click()
    await toast(/^Lead type 1 · .* saved\.$/)
    const type = await api('GET', '/api/v1/lead-types/1')
    assert.ok(type.settings.compliance.checks.includes('dnc'))
    assert.equal(type.settings.compliance.failAction, 'record')
    assert.equal(type.settings.compliance.maxConsentAgeDays, 30)
  })

  test('an analyst sees the new screens without a write button', async () => {
    await api('POST', '/api/v1/redistribution-rules', {
      name: 'Returned leads',
      statuses: ['returned'],
      after_minutes: 30,
      max_attempts: 2,
    })
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('Signed out.').waitFor()
    await signIn(page, base, 'analyst@demo.test', 'demo')

    await nav('Webhooks')
    const row = page.locator('tr', { hasText: hookUrl })
    await row.getByRole('button', { name: 'Deliveries' }).click()
    await page.getByRole('table', { name: 'Deliveries' }).getByText('lead.accepted').first().waitFor()
    for (const name of ['Add endpoint', 'Rotate secret', 'Disable', 'Delete', 'Replay'])
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name)

    await nav('Alert rules')
    await page.locator('tr', { hasText: 'Rejects from Demo Source' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Add rule' }).count(), 0)
    assert.equal(await page.getByRole('button', { name: /^(Edit|Delete) / }).count(), 0)

    await nav('Re-distribution')
    await page.locator('tr', { hasText: 'Returned leads' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Add rule' }).count(), 0)
    assert.equal(await page.getByRole('button', { name: /^(Edit|Delete) / }).count(), 0)
    assert.deepEqual(browser.errors, [])
  })
})
