import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { leadEmail } from '../../../src/core/delivery/email-delivery.js'
import { capNotice, capPercentUsed, lowBalanceNotice } from '../../../src/core/distribution/sale-notices.js'
import { postingInstructions } from '../../../src/core/portal/posting-instructions.js'
import { conditionHolds } from '../../../src/core/webhooks/alert-conditions.js'
import type { AlertRule } from '../../../src/core/webhooks/alert-rules.js'

const at = new Date('2030-01-01T10:00:00Z')
const sale = {
  leadId: 9,
  contract: { id: 7, name: 'Auto CA', buyerId: 3, buyerName: 'Acme' },
  sourceId: 2,
} as never

const rule = (over: Partial<AlertRule>): AlertRule => ({
  id: 1,
  name: 'r',
  eventType: 'source.reject_rate',
  emails: [],
  webhook: true,
  enabled: true,
  createdAt: '',
  condition: { sourceId: null, windowMinutes: 30, thresholdPercent: 50, minLeads: 10 },
  ...over,
})
const activity = { sourceId: 2, sourceName: 'S', leads: 10, rejected: 5, lastLeadAt: '2030-01-01T09:59:00Z' }

describe('alert decisions (no database)', () => {
  test('a cap is as full as the tighter of its count and spend', () => {
    const slot = { subject: 'contract:7', window: 'day:2030-01-01', maxCount: 10, maxSpendCents: 1000 }
    assert.deepEqual(capPercentUsed(slot, { count: 8, spendCents: 500 }), {
      percent: 80,
      measure: 'leads',
      used: 8,
      limit: 10,
    })
    assert.equal(capPercentUsed(slot, { count: 1, spendCents: 950 }).measure, 'cents')
    assert.deepEqual(
      capNotice(sale, slot, { count: 7, spendCents: 0 }, at).map((n) => n.mark),
      [],
    )
    assert.deepEqual(
      capNotice(sale, slot, { count: 10, spendCents: 0 }, at).map((n) => n.mark),
      ['cap:100:contract:7:day:2030-01-01', 'cap:80:contract:7:day:2030-01-01'],
    )
    const sourceCap = capNotice(sale, { ...slot, subject: 'source:2' }, { count: 9, spendCents: 0 }, at)
    assert.equal(sourceCap.length, 1)
    const payload = sourceCap[0]!.job.payload as { buyerId: number | null; sourceId: number | null }
    assert.deepEqual([payload.buyerId, payload.sourceId], [null, 2], "a source's cap concerns the source")
  })

  test('credit is low at 10 % of the limit or less', () => {
    const line = { limitCents: 1000, balanceCents: 890, reservedCents: 0 }
    assert.equal(lowBalanceNotice(sale, line, at), null)
    assert.ok(lowBalanceNotice(sale, { ...line, balanceCents: 900 }, at))
    assert.ok(
      lowBalanceNotice(sale, { limitCents: 0, balanceCents: 0, reservedCents: 0 }, at),
      'prepaid, no funds',
    )
  })

  test('a reject-rate rule needs its minimum of leads; a silent rule its quiet window', () => {
    assert.equal(conditionHolds(rule({}), activity, at)?.reject_percent, 50)
    assert.equal(conditionHolds(rule({}), { ...activity, rejected: 4 }, at), null)
    assert.equal(conditionHolds(rule({}), { ...activity, leads: 4, rejected: 4 }, at), null)
    const silent = rule({ eventType: 'source.silent' })
    assert.equal(conditionHolds(silent, activity, at), null)
    assert.ok(conditionHolds(silent, { ...activity, leads: 0, rejected: 0 }, at))
    assert.equal(
      conditionHolds(silent, { ...activity, leads: 0, lastLeadAt: null }, at),
      null,
      'never posted',
    )
  })

  test('a lead email lists the chosen fields under a templated one-line subject', () => {
    const fields = { Email: { raw: 'a@b.co', normal: 'a@b.co' }, State: { raw: 'ca', normal: 'CA' } }
    const vars = { event_id: 'e1', lead_id: 5, idempotency_key: 'k', price: '12.50' }
    const mail = leadEmail(
      {
        kind: 'email',
        to: ['x@y.co', 'z@y.co'],
        subject: 'Lead {{lead_id}}\r\nBcc: evil',
        fields: ['State'],
      },
      fields,
      vars,
    )
    assert.equal(mail.to, 'x@y.co, z@y.co')
    assert.equal(mail.subject, 'Lead 5 Bcc: evil', 'no header injection through the subject')
    assert.match(mail.text, /^State: CA$/m)
    assert.doesNotMatch(mail.text, /a@b\.co/)
  })

  test('posting instructions name only the seller’s ids and quote the shell safely', () => {
    const doc = postingInstructions(
      {
        id: 4,
        vid: 40,
        name: "O'Brien Leads",
        requireToken: true,
        showBuyers: false,
        campaigns: [
          {
            aid: 41,
            name: 'Main',
            status: 'active',
            lead_type: {
              lid: 1,
              name: 'Auto',
              fields: [
                { name: 'Email', type: 'email', required: true },
                { name: 'Plan', type: 'enum', allowed: ["it's", 'b'] },
              ],
            },
          },
        ],
        leadTypes: [],
      },
      'https://leads.example',
    )
    assert.equal(doc.authentication.token, 'YOUR_TOKEN')
    const c = doc.campaigns[0]!
    assert.match(c.examples.form, /vid=40&lid=1&aid=41&password=YOUR_PASSWORD/)
    assert.match(c.examples.form, /authorization: Bearer YOUR_TOKEN/)
    assert.match(c.examples.json, /it'\\''s/, 'a single quote is closed, escaped and reopened for sh')
    assert.match(c.examples.xml, /<Plan>it'\\''s<\/Plan>/)
  })
})
