import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { freePort } from '../helpers/child-server.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import {
  assertNoOverflow,
  type Browser,
  buildConsole,
  openBrowser,
  requireChromium,
  screenshot,
  signIn,
} from './browser.js'

/**
 * Every screen of the console over the demo world, in a real browser: what each shows, that
 * the API's validation errors land on their fields, that destructive actions ask first, that a
 * role sees only what it may do, and that nothing overflows at 1280 px or at phone width. The
 * screenshots are docs/console.md's.
 */
const run = requireChromium('test/console/console-screens.test.ts')

async function postLead(base: string, n: number, extra: Record<string, string> = {}): Promise<void> {
  const body = new URLSearchParams({
    vid: '1',
    lid: '1',
    aid: '1',
    password: 'demo',
    FirstName: 'Grace',
    LastName: 'Screens',
    Email: `grace${n}@example.com`,
    Phone: `702555${String(2000 + n)}`,
    Zip: '89101',
    State: 'NV',
    ...extra,
  })
  const res = await fetch(`${base}/processor/insert/general/json`, { method: 'POST', body })
  assert.equal(res.status, 200)
}

describe('console screens', { skip: !run }, () => {
  let t: TestApp
  let base: string
  let browser: Browser
  let page: Page
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true }).click()
  const toast = (text: string | RegExp) => page.getByRole('status').getByText(text).first().waitFor()

  before(async () => {
    buildConsole()
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    t = await createTestApp('sqlite', { config: { publicUrl: base } })
    await t.app.listen({ port, host: '127.0.0.1' })
    for (let n = 1; n <= 6; n++) await postLead(base, n)
    await postLead(base, 7, { Email: 'reject-me@example.com' })
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/returns',
      headers: ADMIN,
      payload: { lead_id: '1', return_type: 'submit_for_approval', return_reason_id: 1 },
    })
    assert.equal(made.statusCode, 201, made.body)
    browser = await openBrowser()
    page = browser.page
    await signIn(page, base, 'owner@demo.test', 'demo')
  })

  after(async () => {
    await browser?.close()
    await t?.close()
  })

  test('dashboard: figures with a non-zero margin, the live chart, top lists, caps and attention lists', async () => {
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    const today = page.getByRole('region', { name: 'Today' })
    await today.getByText('Margin').waitFor()
    await page.locator('.recharts-surface').first().waitFor()
    await page.getByRole('heading', { name: 'Top sources today' }).waitFor()
    await page.getByText('Demo Source').first().waitFor()
    await page.getByText('Acme Insurance').first().waitFor()
    const margin = await today
      .locator('div', { has: page.getByText('Margin', { exact: true }) })
      .locator('dd')
      .first()
      .textContent()
    assert.match(margin ?? '', /^\$\d/)
    assert.notEqual(margin, '$0.00', 'the demo world sells at a margin')
    await assertNoOverflow(page, 'dashboard')
    await screenshot(page, 'dashboard')
  })

  test('leads: sortable, with price, cost and margin; a lead shows its sale and timeline', async () => {
    await nav('Leads')
    await page.getByText('7 leads match').waitFor()
    await page.locator('table.grid tbody tr', { hasText: 'sold' }).first().waitFor()
    // Numbers sort highest first on the first click (react-table's default), lowest on the next.
    const id = page.getByRole('columnheader', { name: 'ID', exact: true })
    await page.getByRole('button', { name: 'ID', exact: true }).click()
    assert.equal(await id.getAttribute('aria-sort'), 'descending')
    await page.getByRole('button', { name: 'ID', exact: true }).click()
    assert.equal(await id.getAttribute('aria-sort'), 'ascending')
    assert.equal(await page.locator('table.grid tbody tr').first().locator('td').first().textContent(), '1')
    await screenshot(page, 'leads')
    await page.locator('table.grid tbody tr', { hasText: 'sold' }).first().click()
    await page.getByRole('heading', { name: /Event timeline/ }).waitFor()
    await page.locator('table.timeline tbody tr', { hasText: 'post' }).first().click()
    await page.getByText('x-leadflow-event-id').first().waitFor()
    await assertNoOverflow(page, 'lead detail')
    await screenshot(page, 'lead-detail')
  })

  test('sources: the list, and the editor with its campaigns; a bad time zone is shown on its field', async () => {
    await nav('Sources')
    await page.getByRole('cell', { name: 'Demo Source' }).waitFor()
    await screenshot(page, 'sources')
    await page.getByRole('cell', { name: 'Demo Source' }).click()
    await page.getByRole('heading', { name: 'Source 1' }).waitFor()
    await page.getByRole('link', { name: '1 · Demo Campaign' }).waitFor()
    assert.equal(await page.locator('select[name="marginKind"]').inputValue(), 'percent')
    await page.locator('input[name="timeZone"]').fill('Mars/Olympus')
    await page.getByRole('button', { name: 'Save' }).click()
    const zone = page.locator('.field', { has: page.locator('input[name="timeZone"]') })
    await zone
      .getByRole('alert')
      .getByText(/unknown time zone/)
      .waitFor()
    await screenshot(page, 'source-editor')
    await page.locator('input[name="timeZone"]').fill('America/New_York')
    await page.getByRole('button', { name: 'Save' }).click()
    await toast('Source 1 · Demo Source saved.')
    const saved = await t.app.inject({ method: 'GET', url: '/api/v1/sources/1', headers: ADMIN })
    assert.equal(saved.json().settings.timeZone, 'America/New_York')
    assert.deepEqual(saved.json().settings.margin, { kind: 'percent', value: 20 })
  })

  test('campaigns and lead types list; the lead type editor shows fields and duplicate rules', async () => {
    await nav('Campaigns')
    await page.getByRole('cell', { name: 'Demo Campaign' }).waitFor()
    await screenshot(page, 'campaigns')
    await page.getByRole('cell', { name: 'Demo Campaign' }).click()
    await page.getByRole('heading', { name: 'Campaign 1' }).waitFor()
    await page.locator('select[name="lid"] option[value="1"]').waitFor({ state: 'attached' })
    assert.equal(await page.locator('select[name="lid"]').inputValue(), '1')
    await screenshot(page, 'campaign-editor')
    await nav('Lead types')
    await page.getByRole('cell', { name: 'Auto Insurance' }).waitFor()
    await screenshot(page, 'lead-types')
    await page.getByRole('cell', { name: 'Auto Insurance' }).click()
    await page.getByRole('heading', { name: 'Lead type 1' }).waitFor()
    assert.equal(await page.locator('input[name="fields.2.name"]').inputValue(), 'Email')
    assert.equal(await page.locator('input[name="duplicate_rules.0.fields"]').inputValue(), 'Email')
    await screenshot(page, 'lead-type-editor')
  })

  test('buyers: contracts switch off and on; a new contract is deleted only after confirming', async () => {
    await nav('Buyers & contracts')
    const row = page.locator('tr', { hasText: 'Zenith Leads — Auto Insurance' })
    await row.getByRole('button', { name: 'Turn off' }).click()
    await toast(/turned off/)
    await row.getByRole('button', { name: 'Turn on' }).click()
    await toast(/turned on/)
    await screenshot(page, 'buyers')
    await page.getByRole('link', { name: /^buyer 1$/ }).click()
    await page.getByRole('heading', { name: 'Acme Insurance' }).waitFor()
    await page.getByRole('link', { name: 'New contract' }).click()
    await page.locator('input[name="name"]').fill('Acme — short-lived')
    await page.locator('select[name="lid"]').selectOption('1')
    await page.locator('input[name="price"]').fill('12.50')
    await page.locator('select[name="delivery.target"]').selectOption('sandbox')
    await page.locator('input[name="delivery.sandbox"]').fill('acme')
    await page.getByRole('button', { name: 'Create' }).click()
    await toast('Contract Acme — short-lived created.')
    await page.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog', { name: /Delete contract/ })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByRole('heading', { name: 'Acme — short-lived' }).waitFor()
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete contract' }).click()
    await toast(/Contract \d+ deleted/)
    await page.getByRole('heading', { name: 'Acme Insurance' }).waitFor()
    await screenshot(page, 'buyer-editor')
  })

  test('the sandbox contract sends a test lead from its editor', async () => {
    const sales = async () =>
      Number(
        (
          await t.lf.db
            .selectFrom('sales')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await sales()
    await page.getByRole('link', { name: 'Acme Insurance — Auto Insurance' }).click()
    await page.getByRole('button', { name: 'Send test lead' }).click()
    const result = page.getByLabel('Test result')
    await result.getByText('accepted').first().waitFor()
    await result.getByText(/POST http:\/\/127\.0\.0\.1:\d+\/sandbox\/acme\/post/).waitFor()
    assert.equal(await sales(), before, 'a test lead records no sale')
  })

  test('returns: the queue, decided with a visible result', async () => {
    await nav('Returns')
    const row = page.locator('tr', { hasText: 'Wrong number' })
    await row.waitFor()
    await screenshot(page, 'returns')
    await row.getByRole('button', { name: 'Credit' }).click()
    await toast(/Return \d+ credited/)
    // The decided return stays on screen with its decision (docs/console.md, "Returns").
    await row.getByText('credited').waitFor()
  })

  test('at phone width the nav folds behind Menu and no screen overflows', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await page.goto(`${base}/console/dashboard`)
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
      const menu = page.getByRole('button', { name: 'Menu' })
      assert.equal(await page.getByRole('navigation', { name: 'Screens' }).isVisible(), false)
      await assertNoOverflow(page, 'dashboard at 390px')
      await screenshot(page, 'phone-dashboard', { fullPage: false })
      await menu.click()
      await page.getByRole('navigation', { name: 'Screens' }).waitFor()
      await screenshot(page, 'phone-menu', { fullPage: false })
      for (const [name, heading] of [
        ['Leads', 'Leads'],
        ['Sources', 'Sources'],
        ['Buyers & contracts', 'Buyers & contracts'],
      ]) {
        if (!(await page.getByRole('navigation', { name: 'Screens' }).isVisible())) await menu.click()
        await nav(name as string)
        await page.getByRole('heading', { name: heading as string, exact: true }).waitFor()
        await assertNoOverflow(page, `${name} at 390px`)
      }
      await page.goto(`${base}/console/contracts/1`)
      await page.locator('input[name="name"]').waitFor()
      await assertNoOverflow(page, 'contract editor at 390px')
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  test('an analyst sees reports and configuration read-only: no create, save or switch', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('Signed out.').waitFor()
    await signIn(page, base, 'analyst@demo.test', 'demo')
    await nav('Sources')
    await page.getByRole('cell', { name: 'Demo Source' }).waitFor()
    assert.equal(await page.getByRole('link', { name: 'New source' }).count(), 0)
    await page.getByRole('cell', { name: 'Demo Source' }).click()
    await page.getByText('Read only: your role may not change configuration.').waitFor()
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0)
    assert.equal(await page.locator('input[name="name"]').isDisabled(), true)
    await nav('Buyers & contracts')
    await page.locator('tr', { hasText: 'Zenith Leads — Auto Insurance' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Turn off' }).count(), 0)
    assert.deepEqual(browser.errors, [])
  })
})
