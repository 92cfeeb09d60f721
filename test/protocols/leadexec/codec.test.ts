import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { IntakeOutcome } from '../../../src/core/intake/intake-command.js'
import { decodeForm } from '../../../src/protocols/leadexec/decode-form.js'
import { decodeJson } from '../../../src/protocols/leadexec/decode-json.js'
import { decodeXml } from '../../../src/protocols/leadexec/decode-xml.js'
import { encodePostResponses } from '../../../src/protocols/leadexec/encode-post-response.js'
import { encodeQueueResponses } from '../../../src/protocols/leadexec/encode-queue-response.js'
import { checkParams, toCommand } from '../../../src/protocols/leadexec/to-command.js'

const OUTCOME: IntakeOutcome = {
  postId: 'f5666260-1c2c-4bd5-9611-bb1387ca2397',
  leadId: 999999999,
  isValid: true,
  reason: 'accepted',
  detail: 'Lead was accepted',
  campaignId: 99,
  pendingQc: false,
  priceCents: 2500,
  redirectUrl: '',
  sends: [],
  receivedAt: '2026-01-01T00:00:00.000Z',
  stored: false,
}

describe('LeadExec decoders', () => {
  test('form: parameters, properties and fields split; query fills in; names kept', () => {
    const decoded = decodeForm('VID=1&lid=&FirstName=John&reference=r1&NoSell=true', {
      lid: '1',
      password: 'demo',
    })
    assert.ok(decoded.ok)
    assert.deepEqual(decoded.request.params, { vid: '1', lid: '1', password: 'demo' })
    assert.deepEqual(decoded.request.leads[0], {
      properties: { reference: 'r1', nosell: 'true' },
      fields: { FirstName: 'John' },
    })
  })

  test('xml: the example shape, attributes as parameters and properties, several leads', () => {
    const decoded = decodeXml(
      '<?xml version="1.0"?><Leads vid="1" lid="2" aid="3" password="p&amp;w" returnurl="https://x.test/cb"><Lead reference="a"><FirstName>Jo &amp; Al</FirstName><IVRNumber>800</IVRNumber><Empty/></Lead><Lead><Zip>89101</Zip></Lead></Leads>',
    )
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.message)
    assert.deepEqual(decoded.request.params, {
      vid: '1',
      lid: '2',
      aid: '3',
      password: 'p&w',
      returnurl: 'https://x.test/cb',
    })
    assert.deepEqual(decoded.request.leads[0], {
      properties: { reference: 'a', ivrnumber: '800' },
      fields: { FirstName: 'Jo & Al', Empty: '' },
    })
    assert.deepEqual(decoded.request.leads[1]!.fields, { Zip: '89101' })
  })

  test('xml: declarations, repeated and nested elements, other roots are refused', () => {
    for (const text of [
      '<!DOCTYPE x><Leads/>',
      '<!ENTITY e "x"><Leads/>',
      '<Leads><Lead><A>1</A><A>2</A></Lead></Leads>',
      '<Leads><Lead><A><B/></A></Lead></Leads>',
      '<Other/>',
      '<Leads vid="1"></Leads>',
      '<Leads><Lead>',
    ]) {
      assert.equal(decodeXml(text).ok, false, text)
    }
  })

  test('json: the example shape; case-insensitive source keys; scalars only', () => {
    const decoded = decodeJson(
      '{"source":{"vid":1,"aid":0,"lid":2,"password":"","sendDelay":0.0,"returnURL":""},"leads":[{"properties":{"reference":"","noSell":false},"fields":{"FirstName":"A","Age":30,"Opt":true,"Gone":null}}]}',
    )
    assert.ok(decoded.ok)
    assert.equal(decoded.request.params.returnurl, '')
    assert.equal(decoded.request.params.senddelay, '0')
    assert.deepEqual(decoded.request.leads[0]!.fields, { FirstName: 'A', Age: '30', Opt: 'true', Gone: '' })
    assert.equal(decoded.request.leads[0]!.properties.nosell, 'false')
    for (const text of [
      'nope',
      '[]',
      '{"leads":{}}',
      '{"source":[],"leads":[{}]}',
      '{"leads":[{"fields":{"a":{}}}]}',
    ]) {
      assert.equal(decodeJson(text).ok, false, text)
    }
  })

  test('to command: properties beat parameters; secrets travel only as credentials', () => {
    const decoded = decodeForm(
      'vid=1&lid=1&password=pw&senddelay=1.5&orderid=o1&ivrnumber=8&callduration=5',
      {},
    )
    assert.ok(decoded.ok)
    const cmd = toCommand(decoded.request, decoded.request.leads[0]!, {
      mode: 'calldata',
      format: 'xml',
      token: 't',
      ip: '1.2.3.4',
    })
    assert.equal(cmd.sendDelayHours, 1.5)
    assert.equal(cmd.orderId, 'o1')
    assert.deepEqual(cmd.call, {
      ivrNumber: '8',
      callDuration: '5',
      callResult: undefined,
      callDate: undefined,
    })
    // The client address travels with the credentials: an allow-listed token is checked against it.
    assert.deepEqual(cmd.credentials, {
      sourceId: '1',
      campaignId: undefined,
      password: 'pw',
      token: 't',
      clientIp: '1.2.3.4',
    })
    assert.equal(cmd.leadTypeId, '1')
    assert.deepEqual(cmd.intent, { kind: 'call', answer: 'status' })
    assert.equal(checkParams({ params: { senddelay: '-1' }, leads: [] })?.includes('sendDelay'), true)
    assert.equal(
      checkParams({ params: { returnurl: 'javascript:x' }, leads: [] })?.includes('returnurl'),
      true,
    )
  })
})

describe('LeadExec encoders', () => {
  test('PostResponse XML matches the document example byte for byte (modulo whitespace)', () => {
    const xml = encodePostResponses([OUTCOME], 'general', 'https://leads.test', 'xml', false)
    const example =
      '<?xml version="1.0" encoding="utf-8"?> <PostResponse xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"> <PostID>f5666260-1c2c-4bd5-9611-bb1387ca2397</PostID> <isValidPost>true</isValidPost> <ResponseType>No_Error</ResponseType> <ResponseDetails>Lead was accepted</ResponseDetails> <LeadIdentifier>999999999</LeadIdentifier> <VendorAccountAssigned>99</VendorAccountAssigned> <PendingQCReview>false</PendingQCReview> <Price>25</Price> <RedirectURL /> <StatusURL /> </PostResponse>'
    assert.equal(xml.replace(/\s*\n\s*/g, ''), example.replace(/>\s+</g, '><'))
  })

  test('PostResponse JSON: the example object with the numeric ResponseType', () => {
    const json = JSON.parse(encodePostResponses([OUTCOME], 'general', 'https://leads.test', 'json', false))
    assert.deepEqual(json, {
      PostID: 'f5666260-1c2c-4bd5-9611-bb1387ca2397',
      isValidPost: true,
      ResponseType: 0,
      ResponseDetails: 'Lead was accepted',
      LeadIdentifier: 999999999,
      VendorAccountAssigned: 99,
      PendingQCReview: false,
      Price: 25,
      RedirectURL: '',
      StatusURL: '',
    })
    const stored = JSON.parse(
      encodePostResponses([{ ...OUTCOME, stored: true }], 'update', 'https://leads.test', 'json', false),
    )
    assert.equal(
      stored.StatusURL,
      'https://leads.test/information/status/f5666260-1c2c-4bd5-9611-bb1387ca2397',
    )
  })

  test('LeadQueueResponse matches the async example', () => {
    const queued = { queued: true, postId: OUTCOME.postId, detail: 'Lead has been queued for processing' }
    const xml = encodeQueueResponses([queued], 'https://leads.leadexec.net', 'xml', false)
    const example =
      '<?xml version="1.0" encoding="utf-8"?> <LeadQueueResponse xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"> <QueueSuccessful>true</QueueSuccessful> <PostID>f5666260-1c2c-4bd5-9611-bb1387ca2397</PostID> <ResponseDetails>Lead has been queued for processing</ResponseDetails> <StatusURL>https://leads.leadexec.net/information/queuestatus/f5666260-1c2c-4bd5-9611-bb1387ca2397</StatusURL> </LeadQueueResponse>'
    assert.equal(xml.replace(/\s*\n\s*/g, ''), example.replace(/>\s+</g, '><'))
  })

  test('text is escaped and prices keep cents', () => {
    const xml = encodePostResponses(
      [{ ...OUTCOME, detail: '<a> & "b"', priceCents: 1250 }],
      'general',
      '',
      'xml',
      false,
    )
    assert.ok(xml.includes('<ResponseDetails>&lt;a&gt; &amp; &quot;b&quot;</ResponseDetails>'))
    assert.ok(xml.includes('<Price>12.5</Price>'))
  })
})
