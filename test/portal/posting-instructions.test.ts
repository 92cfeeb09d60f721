import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { DEMO } from '../../src/app/demo/demo-ids.js'
import { PASSWORD_PLACEHOLDER } from '../../src/core/portal/posting-instructions.js'
import { onlyTestBuyers } from '../distribution/fixtures.js'
import { freePort } from '../helpers/child-server.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

const run = promisify(execFile)
const CURL = '/usr/bin/curl'

/**
 * The seller portal's posting instructions are runnable: each generated curl command (form, JSON,
 * XML), with the seller's own password put in the placeholder, posts to a listening app at the
 * configured public URL and the lead is accepted. Intake and protocol code are the same on both
 * databases; SQLite runs it.
 */
describe('posting instructions run as given', { skip: !existsSync(CURL) && `${CURL} not installed` }, () => {
  let t: TestApp
  let base: string
  let seller: { cookie: string }

  before(async () => {
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    t = await createTestApp('sqlite', { config: { publicUrl: base } })
    await onlyTestBuyers(t.lf)
    await t.app.listen({ port, host: '127.0.0.1' })
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: DEMO.users.seller, password: DEMO.userPassword },
    })
    assert.equal(res.statusCode, 200, res.body)
    seller = { cookie: `lf_session=${res.cookies.find((c) => c.name === 'lf_session')!.value}` }
  })
  after(() => t.close())

  test('the instructions name the public URL, the seller’s ids and the lead type’s fields', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/portal/seller/posting-instructions',
      headers: seller,
    })
    assert.equal(res.statusCode, 200, res.body)
    const doc = res.json()
    assert.equal(doc.endpoint.json_answer, `${base}/processor/insert/general/json`)
    assert.equal(doc.authentication.vid, DEMO.source.vid)
    assert.equal(doc.authentication.password, PASSWORD_PLACEHOLDER)
    const campaign = doc.campaigns.find((c: { aid: number }) => c.aid === DEMO.source.aid)
    assert.ok(campaign, res.body)
    const email = campaign.fields.find((f: { name: string }) => f.name === 'Email')
    assert.deepEqual(email, { name: 'Email', type: 'email', required: true, example: 'jane.doe@example.com' })
  })

  test('each curl example, run by curl, is accepted', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/portal/seller/posting-instructions',
      headers: seller,
    })
    const { examples } = res.json().campaigns[0] as { examples: Record<'form' | 'json' | 'xml', string> }
    const leads: number[] = []
    for (const [encoding, command] of Object.entries(examples)) {
      assert.match(command, /^curl -s -X POST '/)
      const runnable = command.replaceAll(PASSWORD_PLACEHOLDER, DEMO.source.password)
      const { stdout } = await run('/bin/sh', ['-c', runnable], { timeout: 60_000 })
      const answer = JSON.parse(stdout)
      assert.equal(answer.ResponseType, 0, `${encoding}: ${stdout}`)
      leads.push(answer.LeadIdentifier)
    }
    assert.equal(new Set(leads).size, 3, 'three distinct leads, no duplicates')
    const stored = await t.lf.db
      .selectFrom('leads')
      .select(['id', 'status'])
      .where('id', 'in', leads)
      .execute()
    assert.equal(stored.length, 3)
    assert.ok(stored.every((l) => l.status !== 'rejected'))
  })
})
