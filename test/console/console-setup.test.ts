import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { type BuyerServer, startBuyer } from '../distribution/buyer-server.js'
import { type Child, freePort, spawnNode, waitForHttp } from '../helpers/child-server.js'
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
 * The "done when": from an empty install (no --demo) an operator signs in, creates a
 * lead type, a source with its campaign, a buyer and a contract, tests the delivery, posts a
 * lead and sees it sold and on the dashboard — using only the browser. The first owner is made
 * the way an empty install makes it: `leadflow user add` (docs/accounts.md).
 */
const OWNER = { email: 'owner@example.com', password: 'correct horse battery' }

const run = requireChromium('test/console/console-setup.test.ts')

describe('an empty install, set up and selling from the browser', { skip: !run }, () => {
  let dataDir: string
  let server: Child
  let base: string
  let buyer: BuyerServer
  let browser: Browser
  let page: Page

  const toast = (text: string | RegExp) => page.getByRole('status').getByText(text).first().waitFor()
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true }).click()

  before(async () => {
    buildConsole()
    dataDir = mkdtempSync(join(tmpdir(), 'lf-empty-'))
    const env = {
      LEADFLOW_DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      LEADFLOW_CONFIG: join(dataDir, 'none.yaml'),
    }
    const add = spawnNode(
      ['--import', 'tsx', 'src/main.ts', 'user', 'add', '--email', OWNER.email, '--role', 'owner'],
      {
        ...env,
        LEADFLOW_USER_PASSWORD: OWNER.password,
      },
    )
    assert.equal(await add.exited, '0', add.output())
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = spawnNode(['--import', 'tsx', 'src/main.ts', 'serve'], {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LEADFLOW_DEMO: 'false',
      LEADFLOW_OUTBOUND_ALLOW: '127.0.0.1',
    })
    await waitForHttp(`${base}/readyz`, server, 90_000)
    buyer = await startBuyer(() => ({ body: { result: 'ok', id: `A-${Date.now()}`, message: 'thanks' } }))
    browser = await openBrowser()
    page = browser.page
  })

  after(async () => {
    await browser?.close()
    await buyer?.close()
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  test('the owner signs in; the empty console invites to create the first objects', async () => {
    await page.goto(`${base}/console/`)
    await page.getByRole('heading', { name: 'leadflow console' }).waitFor()
    await screenshot(page, 'sign-in')
    await signIn(page, base, OWNER.email, OWNER.password)
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await nav('Sources')
    await page.getByText('No sources yet').waitFor()
  })

  test('a lead type with fields and a duplicate rule; a wrong field name is shown on its input', async () => {
    await nav('Lead types')
    await page.getByRole('link', { name: 'New lead type' }).click()
    await page.locator('input[name="lid"]').fill('1')
    await page.locator('input[name="name"]').fill('Auto Insurance')
    await page.getByRole('button', { name: 'Add a field' }).click()
    await page.locator('input[name="fields.1.name"]').fill('Phone')
    await page.locator('select[name="fields.1.type"]').selectOption('phone')
    await page.locator('input[name="fields.1.required"]').check()
    await page.getByRole('button', { name: 'Add a field' }).click()
    await page.locator('input[name="fields.2.name"]').fill('Zip')
    await page.locator('select[name="fields.2.type"]').selectOption('postal_code')
    await page.getByRole('button', { name: 'Add a duplicate rule' }).click()
    await page.locator('input[name="duplicate_rules.0.fields"]').fill('Emial')
    await page.getByRole('button', { name: 'Create' }).click()
    // The API's LF_VALIDATION detail lands on the input it concerns.
    const rule = page.locator('.field', { has: page.locator('input[name="duplicate_rules.0.fields"]') })
    await rule.getByRole('alert').getByText(/Emial/).waitFor()
    assert.equal(
      await page.locator('input[name="duplicate_rules.0.fields"]').getAttribute('aria-invalid'),
      'true',
    )
    await page.locator('input[name="duplicate_rules.0.fields"]').fill('Email')
    await page.getByRole('button', { name: 'Create' }).click()
    await toast('Lead type 1 · Auto Insurance created.')
    await page.waitForURL(/\/console\/lead-types\/1$/)
  })

  test('a source paid 80% of each sale, and its campaign', async () => {
    await nav('Sources')
    await page.getByRole('link', { name: 'New source' }).click()
    await page.locator('input[name="vid"]').fill('10')
    await page.locator('input[name="name"]').fill('Web Form Co')
    await page.locator('input[name="password"]').fill('s3cret-pass')
    await page.locator('select[name="marginKind"]').selectOption('percent')
    await page.locator('input[name="marginPercent"]').fill('20')
    await page.getByRole('button', { name: 'Create' }).click()
    await toast('Source 10 · Web Form Co created.')
    await page.waitForURL(/\/console\/sources\/10$/)
    await page.getByRole('link', { name: 'New campaign' }).click()
    await page.locator('input[name="aid"]').fill('20')
    await page.locator('input[name="name"]').fill('Web Form — Auto')
    await page.locator('select[name="lid"]').selectOption('1')
    assert.equal(await page.locator('select[name="vid"]').inputValue(), '10')
    await page.getByRole('button', { name: 'Create' }).click()
    await toast('Campaign 20 · Web Form — Auto created.')
  })

  test('a buyer and a contract whose delivery is tested before it is saved', async () => {
    await nav('Buyers & contracts')
    await page.getByRole('link', { name: 'New buyer' }).click()
    await page.locator('input[name="name"]').fill('Acme Leads')
    await page.getByRole('button', { name: 'Create' }).click()
    await toast('Buyer Acme Leads created.')
    await page.getByRole('link', { name: 'New contract' }).click()
    await page.locator('input[name="name"]').fill('Acme — Auto')
    await page.locator('select[name="lid"]').selectOption('1')
    await page.locator('input[name="price"]').fill('30')
    await page.getByRole('button', { name: 'Add a cap' }).click()
    await page.locator('input[name="caps.0.count"]').fill('100')
    await page.getByRole('button', { name: 'Add a filter' }).click()
    await page.locator('input[name="filters.0.values"]').fill('NV, CA')
    await page.locator('select[name="filters.0.op"]').selectOption('postal_code_not_in')
    await page.locator('input[name="filters.0.values"]').fill('99*')
    await page.locator('input[name="schedule.timeZone"]').fill('America/Los_Angeles')
    await page.locator('input[name="delivery.url"]').fill(`${buyer.url}/leads`)
    await page.getByRole('button', { name: 'Add a mapped field' }).click()
    await page.locator('input[name="delivery.mapping.0.to"]').fill('contact.email')
    await page.locator('input[name="delivery.mapping.0.from"]').fill('Email')
    await page.getByRole('button', { name: 'Add a header' }).click()
    await page.locator('input[name="delivery.headers.0.name"]').fill('X-Api-Key')
    await page.locator('input[name="delivery.headers.0.value"]').fill('acme-key-123')
    await page.locator('input[name="delivery.response.outcomeAt"]').fill('json:result')
    await page.locator('input[name="delivery.response.accepted"]').fill('ok')
    await page.locator('input[name="delivery.response.reason"]').fill('json:message')
    await page.locator('input[name="delivery.response.buyerLeadId"]').fill('json:id')

    await page.getByRole('button', { name: 'Send test lead' }).click()
    const result = page.getByLabel('Test result')
    await result.getByText('accepted').first().waitFor()
    await result.getByText(`POST ${buyer.url}/leads`).waitFor()
    await result.getByText('"result": "ok"').waitFor()
    await toast(/Test lead sent: the buyer's answer reads as accepted/)
    assert.equal(buyer.received.length, 1)
    assert.deepEqual(JSON.parse(buyer.received[0]!.body), { contact: { email: 'test.lead@example.com' } })
    assert.equal(buyer.received[0]!.headers['x-api-key'], 'acme-key-123')
    await screenshot(page, 'contract-editor')

    await page.getByRole('button', { name: 'Create' }).click()
    await toast('Contract Acme — Auto created.')
    await page.waitForURL(/\/console\/contracts\/\d+$/)
  })

  test('a lead posted as the source is sold to the buyer', async () => {
    await nav('Post a lead')
    await page.getByLabel('Campaign').selectOption('20')
    await page.getByLabel('Source password').fill('s3cret-pass')
    await page.getByLabel('Email').fill('ada@example.com')
    await page.getByRole('button', { name: 'Post lead' }).click()
    await toast(/Lead \d+ posted/)
    await screenshot(page, 'post-lead')
    await page.getByRole('link', { name: /Open lead/ }).click()
    await page.getByRole('heading', { name: /Event timeline/ }).waitFor()
    await page.locator('.toolbar').getByText('sold').waitFor()
    await page.getByText('$30.00').first().waitFor()
    assert.equal(buyer.received.length, 2)
    assert.deepEqual(JSON.parse(buyer.received[1]!.body), { contact: { email: 'ada@example.com' } })
  })

  test('the dashboard counts the post, the sale, its revenue and margin', async () => {
    await nav('Dashboard')
    const today = page.getByRole('region', { name: 'Today' })
    await today.getByText('$30.00').waitFor()
    await today.getByText('$6.00').waitFor()
    const figure = async (label: string) =>
      (await today
        .locator('div', { has: page.getByText(label, { exact: true }) })
        .locator('dd')
        .first()
        .textContent()) ?? ''
    assert.equal(await figure('Posts'), '1')
    assert.equal(await figure('Sold'), '100.0%')
    await page.getByText('Web Form Co').first().waitFor()
    await page.getByText('Acme Leads').first().waitFor()
    await assertNoOverflow(page, 'dashboard at 1280px')
    assert.deepEqual(browser.errors, [])
  })
})
