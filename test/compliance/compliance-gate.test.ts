import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Config } from '../../src/config.js'
import { type BuyerServer, startBuyer } from '../distribution/buyer-server.js'
import {
  addContract,
  insertLead,
  JSON_RULES,
  onlyTestBuyers,
  setLeadTypeSettings,
} from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { CERT_BAD, CERT_OK, startJornaya, startScrub, startTrustedForm, TF_KEY } from './provider-fakes.js'

function complianceConfig(tf: BuyerServer, jornaya: BuyerServer, scrub: BuyerServer): Config['compliance'] {
  return {
    timeoutMs: 10_000,
    trustedform: { url: tf.url, apiKey: TF_KEY },
    jornaya: { url: jornaya.url, lac: 'LAC-1', lak: undefined, lpc: undefined },
    scrub: { url: scrub.url, username: 'scrub-user', password: 'scrub-pass' },
  }
}

for (const kind of await dialectsUnderTest()) {
  describe(`the compliance gate against local provider servers [${kind}]`, () => {
    let t: TestApp
    let tf: BuyerServer
    let jornaya: BuyerServer
    let scrub: BuyerServer
    let buyer: BuyerServer
    before(async () => {
      ;[tf, jornaya, scrub, buyer] = await Promise.all([
        startTrustedForm(),
        startJornaya(),
        startScrub(),
        startBuyer(() => ({ body: { status: 'accepted' } })),
      ])
      t = await createTestApp(kind, { config: { compliance: complianceConfig(tf, jornaya, scrub) } })
      await onlyTestBuyers(t.lf)
      await addContract(t.lf, {
        buyer: 'Plain',
        priceCents: 1500,
        delivery: { url: buyer.url, response: JSON_RULES },
      })
    })
    after(async () => {
      await Promise.all([tf.close(), jornaya.close(), scrub.close(), buyer.close()])
      await t.close()
    })

    async function leadWithConsent(fields: Record<string, string>, consent: Record<string, unknown>) {
      const id = await insertLead(t.lf, fields)
      await t.lf.db
        .updateTable('leads')
        .set({ consent_json: JSON.stringify(consent) })
        .where('id', '=', id)
        .execute()
      return id
    }
    const tfConsent = (cert: string) => ({
      TrustedForm: {
        provider: 'trustedform',
        certificateId: cert,
        url: `https://cert.trustedform.com/${cert}`,
      },
    })
    const events = (leadId: number, kind: string) =>
      t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', kind)
        .orderBy('started_at')
        .orderBy('id')
        .execute()

    test('a refused TrustedForm certificate blocks the sale with its recorded reason', async () => {
      await setLeadTypeSettings(t.lf, {
        strategy: 'waterfall',
        compliance: { checks: ['trustedform'], claim: true },
      })
      const posted = buyer.received.length
      const leadId = await leadWithConsent({ Email: 'tf-bad@example.com' }, tfConsent(CERT_BAD))
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, false)
      assert.equal(outcome.reason, 'compliance: trustedform failed (consent language not found)')
      assert.equal(buyer.received.length, posted, 'no buyer received the lead')

      const lead = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'unsold')
      assert.equal(lead.rejection_reason, outcome.reason)
      const trail = await events(leadId, 'compliance')
      assert.deepEqual(trail.map((e) => [e.step, e.outcome]).sort(), [
        ['gate', 'blocked'],
        ['trustedform', 'failed'],
      ])
      // The provider call is on the trail, its key masked.
      const call = trail.find((e) => e.step === 'trustedform')
      const request = JSON.parse(call?.request_json ?? '{}')
      assert.equal(request.url, `${tf.url}/${CERT_BAD}`)
      assert.doesNotMatch(
        JSON.stringify(request),
        new RegExp(Buffer.from(`API:${TF_KEY}`).toString('base64')),
      )
      const claimBody = JSON.parse(tf.received.at(-1)?.body ?? '{}')
      assert.deepEqual(claimBody.retain, { reference: `leadflow-${leadId}`, vendor: 'leadflow' })
      assert.equal(tf.received.at(-1)?.headers['api-version'], '4.0')

      const detail = await t.app.inject({ method: 'GET', url: `/api/v1/leads/${leadId}`, headers: ADMIN })
      assert.equal(detail.json().rejection_reason, outcome.reason)
      assert.deepEqual(
        detail
          .json()
          .compliance.map((c: { check: string; outcome: string; reason: string }) => [
            c.check,
            c.outcome,
            c.reason,
          ]),
        [['trustedform', 'failed', 'consent language not found']],
      )
      const row = await t.lf.db
        .selectFrom('lead_compliance')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [row.check_name, row.outcome, row.reason],
        ['trustedform', 'failed', 'consent language not found'],
      )
    })

    test('a genuine certificate is claimed and the lead sells', async () => {
      const leadId = await leadWithConsent({ Email: 'tf-ok@example.com' }, tfConsent(CERT_OK))
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true)
      const [check] = await events(leadId, 'compliance')
      assert.deepEqual([check.step, check.outcome], ['trustedform', 'claimed'])
      assert.equal(JSON.parse(check.data_json ?? '{}').expiresAt, '2099-01-01T00:00:00Z')
    })

    test('a DNC hit from the scrub provider blocks the sale; a clean phone sells', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', compliance: { checks: ['dnc', 'litigator'] } })
      const listed = await insertLead(t.lf, { Email: 'dnc@example.com', Phone: '+13105550199' })
      const blocked = await t.services.distribution.distribute(listed)
      assert.equal(blocked.sold, false)
      assert.match(blocked.reason, /^compliance: dnc listed \(phone is on a do-not-call list \(dnc\)\)$/)
      const sent = scrub.received.at(-1)
      assert.equal(new URLSearchParams(sent?.body).get('phone_number'), '3105550199')
      assert.equal(
        sent?.headers.authorization,
        `Basic ${Buffer.from('scrub-user:scrub-pass').toString('base64')}`,
      )
      const checks = await events(listed, 'compliance')
      assert.deepEqual(checks.map((e) => [e.step, e.outcome]).sort(), [
        ['dnc', 'listed'],
        ['gate', 'blocked'],
        ['litigator', 'clear'],
      ])
      const clean = await insertLead(t.lf, { Email: 'clean@example.com', Phone: '+13105550111' })
      assert.equal((await t.services.distribution.distribute(clean)).sold, true)
    })

    test('record-only: the results reach contract filters, which decide per buyer', async () => {
      await setLeadTypeSettings(t.lf, {
        strategy: 'waterfall',
        compliance: { checks: ['jornaya'], failAction: 'record' },
      })
      const strict = await addContract(t.lf, {
        buyer: 'Strict',
        priority: 1,
        priceCents: 3000,
        filters: [
          { op: 'compliance_passed', check: 'litigator' },
          { op: 'equals', field: 'compliance.jornaya', value: 'verified' },
        ],
        delivery: { url: buyer.url, response: JSON_RULES },
      })
      const litigator = await insertLead(t.lf, {
        Email: 'litigator@example.com',
        Phone: '+13105550198',
        LeadiD: '1AAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE',
      })
      await t.lf.db
        .updateTable('leads')
        .set({
          consent_json: JSON.stringify({
            LeadiD: { provider: 'jornaya', leadId: '1AAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE' },
          }),
        })
        .where('id', '=', litigator)
        .execute()
      const outcome = await t.services.distribution.distribute(litigator)
      // The strict buyer asked for the litigator scrub: it ran although the lead type does not block on it.
      assert.equal(outcome.sold, true)
      assert.notEqual(outcome.sends.find((s) => s.valid)?.contractId, strict.contractId)
      const skip = await t.lf.db
        .selectFrom('events')
        .select('reason')
        .where('lead_id', '=', litigator)
        .where('kind', '=', 'filter')
        .where('contract_id', '=', strict.contractId)
        .executeTakeFirstOrThrow()
      assert.equal(
        skip.reason,
        'compliance check litigator listed: phone belongs to a known TCPA litigator (tcpa)',
      )
      const verified = await events(litigator, 'compliance')
      assert.deepEqual(verified.map((e) => [e.step, e.outcome]).sort(), [
        ['jornaya', 'verified'],
        ['litigator', 'listed'],
      ])
      assert.match(jornaya.received.at(-1)?.url ?? '', /^\/Authenticate\?lac=LAC-1&id=1AAAAAAA/)
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'off' })
        .where('id', '=', strict.contractId)
        .execute()
    })

    test('an unknown certificate or a lead without a token fails the check', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', compliance: { checks: ['trustedform'] } })
      const leadId = await leadWithConsent({ Email: 'tf-missing@example.com' }, tfConsent('c'.repeat(40)))
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.reason, 'compliance: trustedform failed (certificate not found)')
      const noToken = await insertLead(t.lf, { Email: 'no-token@example.com' })
      const missing = await t.services.distribution.distribute(noToken)
      assert.equal(
        missing.reason,
        'compliance: trustedform missing (the lead carries no TrustedForm certificate)',
      )
    })

    test('the consent-age limit of a lead type blocks old leads', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', compliance: { maxConsentAgeDays: 30 } })
      const leadId = await insertLead(t.lf, { Email: 'old@example.com' })
      const old = new Date(t.lf.clock.now().getTime() - 40 * 86_400_000).toISOString()
      await t.lf.db.updateTable('leads').set({ received_at: old }).where('id', '=', leadId).execute()
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.reason, 'compliance: consent is 40 days old (limit 30)')
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
    })

    test('compliance settings are validated', async () => {
      const bad = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/lead-types/1',
        headers: ADMIN,
        payload: { settings: { compliance: { checks: ['horoscope'], failAction: 'shrug' } } },
      })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'LF_VALIDATION')
      assert.deepEqual(
        bad.json().error.details.map((d: { path: string }) => d.path),
        ['settings.compliance.checks[0]', 'settings.compliance.failAction'],
      )
    })
  })
}

for (const kind of await dialectsUnderTest()) {
  describe(`compliance providers that fail, and the Jornaya audit [${kind}]`, () => {
    let t: TestApp
    let jornaya: BuyerServer
    let buyer: BuyerServer
    let closedUrl: string
    before(async () => {
      const gone = await startBuyer(() => ({}))
      closedUrl = gone.url
      await gone.close()
      ;[jornaya, buyer] = await Promise.all([
        startJornaya(),
        startBuyer(() => ({ body: { status: 'accepted' } })),
      ])
      t = await createTestApp(kind, {
        config: {
          compliance: {
            timeoutMs: 10_000,
            trustedform: { url: closedUrl, apiKey: undefined },
            jornaya: { url: jornaya.url, lac: 'LAC-1', lak: 'LAK-SECRET', lpc: 'LPC-1' },
            scrub: { url: closedUrl, username: 'u', password: 'p' },
          },
        },
      })
      await onlyTestBuyers(t.lf)
      await addContract(t.lf, { buyer: 'Any', delivery: { url: buyer.url, response: JSON_RULES } })
    })
    after(async () => {
      await Promise.all([jornaya.close(), buyer.close()])
      await t.close()
    })

    test('an unreachable scrub provider is an error result and the sale is blocked (fail closed)', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', compliance: { checks: ['dnc'] } })
      const leadId = await insertLead(t.lf, { Email: 'unreachable@example.com' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, false)
      assert.match(
        outcome.reason,
        /^compliance: dnc error \(The phone scrub could not be reached: connection error: /,
      )
      assert.equal(buyer.received.length, 0)
    })

    test('a provider without credentials records error', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', compliance: { checks: ['trustedform'] } })
      const leadId = await insertLead(t.lf, { Email: 'no-key@example.com' })
      await t.lf.db
        .updateTable('leads')
        .set({ consent_json: JSON.stringify({ Cert: { provider: 'trustedform', certificateId: CERT_OK } }) })
        .where('id', '=', leadId)
        .execute()
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.reason, 'compliance: trustedform error (TrustedForm is not configured)')
    })

    test('claiming a Jornaya token runs the audit with the audit key, masked on the trail', async () => {
      await setLeadTypeSettings(t.lf, {
        strategy: 'waterfall',
        compliance: { checks: ['jornaya'], claim: true },
      })
      const token = '1BBBBBBB-CCCC-DDDD-EEEE-FFFFFFFFFFFF'
      const leadId = await insertLead(t.lf, { Email: 'audit@example.com' })
      await t.lf.db
        .updateTable('leads')
        .set({ consent_json: JSON.stringify({ LeadiD: { provider: 'jornaya', leadId: token } }) })
        .where('id', '=', leadId)
        .execute()
      assert.equal((await t.services.distribution.distribute(leadId)).sold, true)
      assert.equal(
        jornaya.received.at(-1)?.url,
        `/SingleQuery?lac=LAC-1&lak=LAK-SECRET&lpc=LPC-1&id=${token}`,
      )
      const event = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'compliance')
        .executeTakeFirstOrThrow()
      assert.equal(event.outcome, 'claimed')
      assert.doesNotMatch(event.request_json ?? '', /LAK-SECRET/)
    })
  })
}
