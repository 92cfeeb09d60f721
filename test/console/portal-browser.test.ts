import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { DEMO } from '../../src/app/demo/demo-ids.js'
import { freePort } from '../helpers/child-server.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { buildConsole, screenshotDir } from './browser.js'

// Debian's chromium, as in console-browser.test.ts; machines without it skip loudly there.
const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
]
/** docs/portals/*.png are refreshed with LEADFLOW_DOC_SCREENSHOTS=1; other runs keep theirs in tmp. */
const SHOTS = screenshotDir('portals')

/**
 * The portals in a browser, signed in as the demo buyer (Acme Insurance) and the demo seller (Demo
 * Source): the buyer sees only the leads Acme bought, exports them as CSV and returns one; the
 * seller sees every lead it posted and its posting instructions.
 */
describe('partner portals in a browser', {
  skip: !existsSync(CHROMIUM) && `${CHROMIUM} not installed`,
}, () => {
  let t: TestApp
  let base: string
  let profile: string
  let context: BrowserContext
  let page: Page
  const acmeLeads: number[] = []
  const zenithLeads: number[] = []

  const postLead = async (n: number) => {
    const body = new URLSearchParams({
      vid: String(DEMO.source.vid),
      lid: '1',
      aid: String(DEMO.source.aid),
      password: DEMO.source.password,
      FirstName: 'Ada',
      LastName: `Portal${n}`,
      Email: `portal${n}@example.com`,
      Phone: `702555${String(2000 + n)}`,
      Zip: '89101',
    })
    const res = await fetch(`${base}/processor/insert/general/json`, { method: 'POST', body })
    const answer = (await res.json()) as { ResponseType: number; LeadIdentifier: number }
    assert.equal(answer.ResponseType, 0)
    return answer.LeadIdentifier
  }
  const switchAcme = async (on: boolean) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contracts/1/switch',
      headers: ADMIN,
      payload: { on },
    })
    assert.equal(res.statusCode, 200, res.body)
  }
  const signIn = async (email: string) => {
    await page.goto(`${base}/console/`)
    await page.fill('input[name=email]', email)
    await page.fill('input[name=password]', DEMO.userPassword)
    await page.click('button[type=submit]')
  }

  before(async () => {
    buildConsole()
    mkdirSync(SHOTS, { recursive: true })
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    t = await createTestApp('sqlite', { config: { publicUrl: base } })
    await t.app.listen({ port, host: '127.0.0.1' })
    for (let n = 1; n <= 3; n++) acmeLeads.push(await postLead(n))
    await switchAcme(false)
    for (let n = 4; n <= 5; n++) zenithLeads.push(await postLead(n))
    await switchAcme(true)
    // One the seller got wrong: no Email. It is rejected and shows its reason in the seller portal.
    const bad = new URLSearchParams({
      vid: '1',
      lid: '1',
      aid: '1',
      password: DEMO.source.password,
      Phone: '7025552999',
      Zip: '89101',
    })
    await fetch(`${base}/processor/insert/general/json`, { method: 'POST', body: bad })
    profile = mkdtempSync(join(tmpdir(), 'lf-chromium-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    })
    page = context.pages()[0] ?? (await context.newPage())
    page.setDefaultTimeout(20_000)
  })

  after(async () => {
    await context?.close()
    await t?.close()
    if (profile) rmSync(profile, { recursive: true, force: true })
  })

  test('the demo buyer lands on its own leads only, and no operator screen is in its nav', async () => {
    await signIn(DEMO.users.buyer)
    await page.getByRole('heading', { name: 'Your leads' }).waitFor()
    const table = page.getByRole('table', { name: 'Leads you bought' })
    await table.locator('tbody tr', { hasText: 'portal1@example.com' }).waitFor()
    assert.equal(await table.locator('tbody tr').count(), acmeLeads.length)
    for (const n of [4, 5]) assert.equal(await page.getByText(`portal${n}@example.com`).count(), 0)
    assert.equal(await page.getByRole('link', { name: 'Sources' }).count(), 0)
    assert.equal(await page.getByRole('link', { name: 'Returns' }).count(), 0)
    await page.screenshot({ path: join(SHOTS, 'buyer-leads.png'), fullPage: true })
  })

  test('the buyer exports its leads as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ])
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n')
    assert.equal(csv.length, acmeLeads.length + 1)
    assert.match(csv[0]!, /^sale_id,lead_id,/)
    for (const id of acmeLeads)
      assert.ok(
        csv.some((row) => row.split(',')[1] === String(id)),
        csv.join('\n'),
      )
    for (const id of zenithLeads) assert.ok(!csv.some((row) => row.split(',')[1] === String(id)))
  })

  test('the buyer returns a lead with a reason; it waits in the operator’s queue', async () => {
    const row = page
      .getByRole('table', { name: 'Leads you bought' })
      .locator('tbody tr', { hasText: 'portal2@example.com' })
    await row.getByRole('button', { name: 'Return…' }).click()
    await page.getByLabel('Reason').fill('Wrong number')
    await page.screenshot({ path: join(SHOTS, 'buyer-return.png'), fullPage: true })
    await page.getByRole('button', { name: 'Return lead' }).click()
    await page.getByText(/return pending/).waitFor()
    await row.getByText('pending').waitFor()
    const stored = await t.lf.db
      .selectFrom('returns')
      .selectAll()
      .where('lead_id', '=', acmeLeads[1]!)
      .executeTakeFirstOrThrow()
    assert.equal(stored.status, 'pending')
    assert.equal(stored.channel, 'portal')
    assert.equal(stored.reason, 'Wrong number')
  })

  test('the demo seller sees every lead it posted with its reject reason, without buyer names', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(DEMO.users.seller)
    await page.getByRole('heading', { name: 'Your posted leads' }).waitFor()
    const table = page.getByRole('table', { name: 'Leads you posted' })
    const posted = acmeLeads.length + zenithLeads.length + 1
    await table
      .locator('tbody tr')
      .nth(posted - 1)
      .waitFor()
    assert.equal(await table.locator('tbody tr').count(), posted)
    await table.locator('tbody tr', { hasText: 'rejected' }).getByText(/Email/).waitFor()
    assert.equal(await page.getByText('Acme Insurance').count(), 0)
    assert.equal(await page.getByText('Zenith Leads').count(), 0)
    await page.getByText('Acceptance rate').waitFor()
    await page.screenshot({ path: join(SHOTS, 'seller-leads.png'), fullPage: true })
  })

  test('the seller reads its posting instructions, with runnable curl commands', async () => {
    await page.getByRole('link', { name: 'Posting instructions' }).click()
    await page.getByRole('heading', { name: 'Posting instructions' }).waitFor()
    await page.getByText(`${base}/processor/insert/general/json`).first().waitFor()
    const examples = page.locator('pre.code')
    assert.equal(await examples.count(), 3)
    assert.match((await examples.nth(0).textContent()) ?? '', /vid=1&lid=1&aid=1&password=YOUR_PASSWORD/)
    assert.match((await examples.nth(2).textContent()) ?? '', /<Leads vid="1"/)
    await page.screenshot({ path: join(SHOTS, 'seller-posting-instructions.png'), fullPage: true })
  })
})
