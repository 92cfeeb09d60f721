import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { freePort } from '../helpers/child-server.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type Browser, buildConsole, openBrowser, requireChromium, screenshotDir, signIn } from './browser.js'

// The operator's work screens (docs/console.md, "Work screens"), each driven in Debian's chromium
// the way an operator uses it; every screen's picture in docs/console/ comes from here.
const SHOTS = screenshotDir('console')
const run = requireChromium('test/console/console-work-browser.test.ts')

describe('console work screens in a browser', { skip: !run }, () => {
  let t: TestApp
  let base: string
  let browser: Browser
  let page: Page
  const leads: { id: number; postId: string }[] = []

  const inject = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url, headers: ADMIN, ...(payload ? { payload } : {}) })
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`)
    return res.json()
  }
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true }).click()
  const confirmWith = (label: string) => page.getByRole('dialog').getByRole('button', { name: label }).click()
  /** Nothing sticks out sideways: wide tables scroll inside their own box. */
  const noPageOverflow = async () => {
    const [scroll, width] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ])
    assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`)
  }

  async function postLead(n: number, reference: string) {
    const body = new URLSearchParams({
      vid: '1',
      lid: '1',
      aid: '1',
      password: 'demo',
      reference,
      FirstName: 'Ada',
      LastName: `Worker${n}`,
      Email: `ada.work${n}@example.com`,
      Phone: `702555${String(2000 + n)}`,
      Zip: '89101',
      State: 'NV',
    })
    const res = await fetch(`${base}/processor/insert/general/json`, { method: 'POST', body })
    const answer = (await res.json()) as { LeadIdentifier: number; PostID: string }
    leads.push({ id: answer.LeadIdentifier, postId: answer.PostID })
  }

  const signInAs = (email: string) => signIn(page, base, email, 'demo')

  before(async () => {
    buildConsole()
    mkdirSync(SHOTS, { recursive: true })
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    t = await createTestApp('sqlite', { config: { publicUrl: base } })
    await t.app.listen({ port, host: '127.0.0.1' })
    for (let n = 1; n <= 6; n++) await postLead(n, `work-${n}`)
    browser = await openBrowser()
    page = browser.page
    await signInAs('owner@demo.test')
  })

  after(async () => {
    await browser?.close()
    await t?.close()
  })

  test('Leads: a phone in another spelling finds its lead; buyer filter; the CSV has the header row', async () => {
    await nav('Leads')
    await page.getByText('6 leads match').waitFor()
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('(702) 555-2004')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText('1 lead matches').waitFor()
    await page
      .getByRole('table', { name: 'Leads' })
      .getByRole('link', { name: String(leads[3]!.id) })
      .waitFor()
    await shot('leads-search')

    await page.getByRole('searchbox', { name: 'Search leads' }).fill('')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const acme = (await inject('GET', '/api/v1/buyers')).items.find(
      (b: { name: string }) => b.name === 'Acme Insurance',
    )
    const sold = await inject('GET', `/api/v1/leads?buyer_id=${acme.id}`)
    assert.ok(sold.total > 0, 'the demo sandbox buyer bought some leads')
    await page.getByRole('combobox', { name: 'Buyer' }).selectOption(String(acme.id))
    await page.getByText(sold.total === 1 ? '1 lead matches' : `${sold.total} leads match`).waitFor()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ])
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/)
    assert.match(csv[0]!, /^id,post_id,status,response_type,source_id/)
    assert.equal(csv.length, sold.total + 1, 'one row per lead on screen')
    await noPageOverflow()
  })

  test('Lead actions: re-send to a contract shows its result; purge asks first', async () => {
    const lead = leads[4]!
    await page.goto(`${base}/console/leads/${lead.id}`)
    await page.getByRole('heading', { name: 'Actions' }).waitFor()
    const zenith = (await inject('GET', '/api/v1/contracts')).items.find(
      (c: { buyer_name: string }) => c.buyer_name === 'Zenith Leads',
    )
    await page.getByRole('combobox', { name: 'Contract to send to' }).selectOption(String(zenith.id))
    await page.getByRole('button', { name: 'Re-send' }).click()
    await confirmWith('Send lead')
    const result = page.locator('output').filter({ hasText: /Sold\.|Not sold|Not sent/ })
    await result.waitFor()
    const text = ((await result.textContent()) ?? '').trim()
    const detail = await inject('GET', `/api/v1/leads/${lead.id}`)
    const toZenith = detail.sales.some((s: { contract_id: number }) => s.contract_id === zenith.id)
    assert.equal(toZenith, text === 'Sold.', `screen says "${text}"`)
    assert.ok(
      detail.events.some((e: { step: string }) => e.step === 'resend'),
      'the re-send is in the trail',
    )

    // Re-distribute asks first, then shows the API's answer: a sold lead is refused with its reason.
    await page.getByRole('button', { name: 'Re-distribute' }).click()
    await confirmWith('Re-distribute')
    await page
      .getByRole('status')
      .getByText(/cannot be re-distributed|sold again|Offered, not sold/)
      .first()
      .waitFor()
    // The Leads list offers the whole unsold/returned set its filters select, after a confirmation.
    await page.goto(`${base}/console/leads`)
    await page.getByRole('button', { name: 'Re-distribute these…' }).click()
    await confirmWith('Re-distribute')
    await page
      .getByRole('status')
      .getByText(/leads queued for re-distribution/)
      .waitFor()
    await page.goto(`${base}/console/leads/${lead.id}`)
    await page.getByRole('heading', { name: 'Actions' }).waitFor()

    await page.getByRole('button', { name: 'Purge consumer…' }).click()
    await page.getByRole('dialog').getByText('This cannot be undone').waitFor()
    await shot('lead-actions')
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    const kept = await inject('GET', `/api/v1/leads/${lead.id}`)
    assert.notDeepEqual(kept.fields, {}, 'cancelled: nothing purged')
  })

  test('QC review: approve and reject change the lead; each decision stays visible', async () => {
    const [a, b] = [leads[0]!, leads[1]!]
    const held = [leads[5]!]
    await t.lf.db
      .updateTable('leads')
      .set({ status: 'pending_qc', pending_qc: 1 })
      .where('id', 'in', [...held.map((l) => l.id)])
      .execute()
    // Two fresh leads held before distribution, as a QC hold keeps them.
    for (const l of [a, b]) {
      await t.lf.db.deleteFrom('sales').where('lead_id', '=', l.id).execute()
      await t.lf.db
        .updateTable('leads')
        .set({ status: 'pending_qc', pending_qc: 1 })
        .where('id', '=', l.id)
        .execute()
    }
    await nav('QC review')
    await page.getByText('3 held').waitFor()
    const rowA = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: String(a.id), exact: true }) })
    await rowA.getByRole('button', { name: 'Approve' }).click()
    await rowA.getByText(/approved/).waitFor()
    const rowB = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: String(b.id), exact: true }) })
    await rowB.getByRole('textbox').fill('fake name')
    await rowB.getByRole('button', { name: 'Reject' }).click()
    await confirmWith('Reject lead')
    await rowB.getByText('rejected: fake name').waitFor()
    await shot('qc')
    assert.notEqual((await inject('GET', `/api/v1/leads/${a.id}`)).status, 'pending_qc')
    assert.equal((await inject('GET', `/api/v1/leads/${b.id}`)).status, 'rejected')
    await noPageOverflow()
  })

  test('Returns: a rejected return keeps its decision and reason on screen; a replacement is owed', async () => {
    const sold = (await inject('GET', '/api/v1/leads?status=sold')).items as { id: number }[]
    assert.ok(sold.length >= 2)
    const made = []
    for (const l of sold.slice(0, 2))
      made.push(
        await inject('POST', '/api/v1/returns', {
          lead_id: String(l.id),
          return_type: 'submit_for_approval',
          return_reason_id: 1,
        }),
      )
    await nav('Returns')
    const reasons = page.getByRole('combobox', { name: `Reason to reject return ${made[0].id}` })
    const first = page.getByRole('row').filter({ has: reasons })
    await reasons.selectOption({ index: 1 })
    const reasonName = ((await reasons.locator('option:checked').textContent()) ?? '').trim()
    await first.getByRole('button', { name: 'Reject' }).click()
    await confirmWith('Reject return')
    const decided = page.getByRole('row').filter({ hasText: `because ${reasonName}` })
    await decided.getByText('rejected').waitFor()
    const second = page
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Replace' }) })
      .first()
    await second.getByRole('button', { name: 'Replace' }).click()
    await page.getByRole('table', { name: 'Replacements owed' }).getByRole('row').nth(1).waitFor()
    await shot('returns-decided')
    assert.equal((await inject('GET', `/api/v1/returns/${made[0].id}`)).status, 'rejected')
    await noPageOverflow()
  })

  test('Call queue: a queued call is listed with its campaign', async () => {
    const campaign = await t.lf.db
      .selectFrom('dialler_campaigns')
      .select(['id', 'name'])
      .executeTakeFirstOrThrow()
    const now = new Date().toISOString()
    await t.lf.db
      .insertInto('calls')
      .values({
        campaign_id: campaign.id,
        contact_key: '+17025559876',
        lead_id: null,
        status: 'scheduled',
        email: 'caller@example.com',
        first_name: 'Cal',
        surname: 'Queue',
        mobile: '+17025559876',
        other_phone: null,
        data_json: null,
        due_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await nav('Call queue')
    await page.getByRole('row').filter({ hasText: 'Cal Queue' }).getByText(campaign.name).waitFor()
    await shot('dialler')
  })

  test('Suppression lists: a CSV upload shows its progress and counts', async () => {
    await nav('Suppression lists')
    await page.getByLabel('Name').fill('Do not contact')
    await page.getByRole('button', { name: 'Create list' }).click()
    const row = page.getByRole('row').filter({ hasText: 'Do not contact' })
    await row.getByRole('button', { name: 'Upload CSV…' }).click()
    const csv = ['email', 'one@example.com', 'TWO@example.com', 'three@example.com', 'not-an-email'].join(
      '\n',
    )
    await page.setInputFiles('input[type=file]', {
      name: 'dnc.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    })
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await page.getByText(/Done: 3 added, 0 already listed, 2 invalid/).waitFor()
    assert.equal(
      await page.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('value'),
      String(csv.length + 1),
    )
    await row.getByRole('cell', { name: '3', exact: true }).waitFor()
    await shot('suppression')
  })

  test('Reports: a chart, a table and a CSV download of the same report', async () => {
    await nav('Reports')
    await page.locator('.recharts-surface').first().waitFor()
    await page.getByRole('table', { name: 'Report rows' }).getByRole('row').nth(1).waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ])
    const header = readFileSync((await download.path())!, 'utf8').split(/\r?\n/)[0]!
    assert.match(header, /^bucket,bucket_start,posted,accepted/)
    await shot('reports')
    await noPageOverflow()
  })

  test('API keys: issued with its secret shown once, rotated, revoked after confirming', async () => {
    await nav('API keys')
    await page.getByLabel('Label').fill('browser test key')
    await page.getByRole('button', { name: 'Issue key' }).click()
    const secret = ((await page.getByLabel('New secret').textContent()) ?? '').trim()
    assert.ok(secret.length >= 20, secret)
    const row = page.getByRole('row').filter({ hasText: 'browser test key' }).first()
    await row.getByRole('button', { name: 'Rotate' }).click()
    await confirmWith('Rotate key')
    await page.getByText(/rotated; the old secret works for 24 hours/).waitFor()
    assert.notEqual(((await page.getByLabel('New secret').textContent()) ?? '').trim(), secret)
    await shot('keys')
    await page.getByRole('button', { name: 'I have stored it' }).click()
    await row.getByRole('button', { name: 'Revoke' }).click()
    await confirmWith('Revoke key')
    await row.getByText('revoked').waitFor()
    const refused = await fetch(`${base}/api/v1/leads`, { headers: { authorization: `Bearer ${secret}` } })
    assert.equal(refused.status, 401)
  })

  test('Users: invite, change a role, disable after confirming', async () => {
    await nav('Users')
    await page.getByLabel('Email').fill('new.operator@demo.test')
    await page.getByRole('button', { name: 'Invite' }).click()
    await page.getByLabel('Invitation link').waitFor()
    const row = page.getByRole('row').filter({ hasText: 'new.operator@demo.test' })
    await row.getByRole('combobox').selectOption('analyst')
    await confirmWith('Make analyst')
    await page.getByText('new.operator@demo.test is now analyst.').waitFor()
    await row.getByRole('button', { name: 'Disable' }).click()
    await confirmWith('Disable user')
    await row.getByRole('button', { name: 'Enable' }).waitFor()
    await shot('users')
    const users = (await inject('GET', '/api/v1/users')).items as {
      email: string
      role: string
      status: string
    }[]
    const made = users.find((u) => u.email === 'new.operator@demo.test')!
    assert.deepEqual([made.role, made.status], ['analyst', 'disabled'])
  })

  test('Audit log: the changes just made, filtered by resource', async () => {
    await nav('Audit log')
    await page.getByRole('textbox', { name: 'Resource' }).fill('user')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page
      .getByRole('table', { name: 'Audit log' })
      .getByRole('row')
      .filter({ hasText: 'owner@demo.test' })
      .first()
      .waitFor()
    await shot('audit')
  })

  test('at phone width the work screens fit the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    for (const path of ['returns', 'qc', 'leads']) {
      await page.goto(`${base}/console/${path}`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await page.locator('table').first().waitFor()
      await noPageOverflow()
    }
    await shot('leads-phone')
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  test('an analyst sees reports but not QC, keys, users or the audit log', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.locator('input[name=email]').waitFor()
    await signInAs('analyst@demo.test')
    const screens = page.getByRole('navigation', { name: 'Screens' })
    await screens.getByRole('link', { name: 'Reports' }).waitFor()
    for (const hidden of ['QC review', 'API keys', 'Users', 'Audit log'])
      assert.equal(await screens.getByRole('link', { name: hidden, exact: true }).count(), 0, hidden)
    await page.goto(`${base}/console/qc`)
    await page.getByText('your role may not open it').waitFor()
  })
})
