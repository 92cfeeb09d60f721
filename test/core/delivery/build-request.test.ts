import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { buildRequest } from '../../../src/core/delivery/build-request.js'
import type { DeliverySettings } from '../../../src/core/delivery/delivery-settings.js'
import { resolveSandbox } from '../../../src/core/delivery/delivery-settings.js'
import { maskRequest } from '../../../src/core/delivery/mask-secrets.js'
import { parseXml } from '../../../src/core/delivery/xml.js'
import { toFieldValues } from '../../../src/core/distribution/lead-view.js'

const fields = toFieldValues({
  Email: { raw: ' ADA@Example.com ', normal: 'ada@example.com' },
  Phone: { raw: '(310) 555-0100', normal: '+13105550100' },
  State: 'CA',
})
const vars = { event_id: 'e'.repeat(24), lead_id: 42, idempotency_key: 'lf-42-7', price: '25.00' }
const mapping = [
  { to: 'applicant.email', from: 'Email' },
  { to: 'applicant.phone', from: 'Phone', use: 'raw' as const },
  { to: 'meta.@ref', template: 'LF-{{lead_id}}' },
  { to: 'meta.vendor', value: 'leadflow' },
  { to: 'note', template: '{{raw.Email}}|{{event_id}}|{{Unknown}}' },
]
const base: DeliverySettings = { kind: 'http', url: 'https://buyer.example/in?x=1', mapping }

test('JSON: nested paths, raw or normal values, constants, templates, event id and idempotency key', () => {
  const r = buildRequest(base, fields, vars)
  assert.equal(r.method, 'POST')
  assert.equal(r.headers!['content-type'], 'application/json')
  assert.equal(r.headers!['idempotency-key'], 'lf-42-7')
  assert.equal(r.headers!['x-leadflow-event-id'], vars.event_id)
  assert.deepEqual(JSON.parse(r.body!), {
    applicant: { email: 'ada@example.com', phone: '(310) 555-0100' },
    meta: { '@ref': 'LF-42', vendor: 'leadflow' },
    note: ` ADA@Example.com |${vars.event_id}|`,
  })
  assert.equal(r.followRedirects, false)
  assert.equal(r.timeoutMs, 10_000)
})

test('XML puts @ keys in attributes; SOAP wraps the operation in an envelope', () => {
  const xml = buildRequest({ ...base, format: 'xml', root: 'Lead' }, fields, vars)
  assert.match(
    xml.body!,
    /^<\?xml version="1.0" encoding="utf-8"\?><Lead><applicant><email>ada@example.com<\/email>/,
  )
  assert.match(xml.body!, /<meta ref="LF-42"><vendor>leadflow<\/vendor><\/meta>/)
  const soap = buildRequest(
    { ...base, format: 'soap', root: 'SubmitLead', namespace: 'urn:buyer', soapAction: 'urn:buyer/Submit' },
    fields,
    vars,
  )
  assert.equal(soap.headers!.soapaction, '"urn:buyer/Submit"')
  assert.equal(soap.headers!['content-type'], 'text/xml; charset=utf-8')
  const doc = parseXml(soap.body!) as any
  assert.match(
    soap.body!,
    /<soap:Envelope xmlns:soap="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"><soap:Body><SubmitLead xmlns="urn:buyer">/,
  )
  assert.equal(doc.Envelope.Body.SubmitLead.applicant.email, 'ada@example.com')
})

test('form and query bodies flatten nested keys; GET never has a body', () => {
  const form = buildRequest({ ...base, format: 'form' }, fields, vars)
  assert.equal(form.headers!['content-type'], 'application/x-www-form-urlencoded')
  assert.equal(new URLSearchParams(form.body).get('applicant[email]'), 'ada@example.com')
  const query = buildRequest({ ...base, format: 'query', method: 'get' }, fields, vars)
  assert.equal(query.method, 'GET')
  assert.equal(query.body, undefined)
  const url = new URL(query.url)
  assert.equal(url.searchParams.get('x'), '1')
  assert.equal(url.searchParams.get('meta[vendor]'), 'leadflow')
})

test('without a mapping every field goes out by name with its normalized value', () => {
  const r = buildRequest({ kind: 'http', url: 'https://b.example/' }, fields, vars)
  assert.deepEqual(JSON.parse(r.body!), {
    Email: 'ada@example.com',
    Phone: '+13105550100',
    State: 'CA',
    event_id: vars.event_id,
  })
})

test('auth headers are sent and masked in the stored request', () => {
  const basic = {
    ...base,
    auth: { kind: 'basic' as const, username: 'u', password: 's3cret-pw' },
    url: 'https://b.example/?pw=s3cret-pw',
  }
  const r = buildRequest(basic, fields, vars)
  assert.equal(r.headers!.authorization, `Basic ${Buffer.from('u:s3cret-pw').toString('base64')}`)
  const masked = maskRequest(r, basic.auth)
  assert.equal(masked.headers.authorization, 'Basic ***')
  assert.equal(masked.url, 'https://b.example/?pw=***')
  const bearer = buildRequest(
    {
      ...base,
      auth: { kind: 'bearer', token: 'tok-123' },
      headers: { 'X-Api-Key': 'k-999', 'X-Ref': '{{event_id}}' },
    },
    fields,
    vars,
  )
  assert.equal(bearer.headers!.authorization, 'Bearer tok-123')
  assert.equal(bearer.headers!['x-ref'], vars.event_id)
  const m = maskRequest(bearer)
  assert.equal(m.headers.authorization, 'Bearer ***')
  assert.equal(m.headers['x-api-key'], '***')
})

test('a sandbox contract resolves to leadflow itself, with private addresses allowed', () => {
  const d = resolveSandbox(
    { kind: 'http', sandbox: 'acme', method: 'POST', format: 'json' },
    'http://127.0.0.1:8080',
  )
  assert.equal(d.url, 'http://127.0.0.1:8080/sandbox/acme/post')
  assert.equal(d.ping?.url, 'http://127.0.0.1:8080/sandbox/acme/ping')
  assert.equal(d.allowPrivate, true)
  assert.equal(d.response?.outcomeAt, 'json:status')
  assert.throws(() => buildRequest({ kind: 'http' }, fields, vars), /no url/)
})

test('any field value survives JSON and form encoding unchanged', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (email, note) => {
      const f = toFieldValues({ Email: email, Note: note })
      const m = [
        { to: 'a.email', from: 'Email' },
        { to: 'note', from: 'Note' },
      ]
      const json = JSON.parse(
        buildRequest({ kind: 'http', url: 'https://b.example/', mapping: m }, f, vars).body!,
      )
      const form = new URLSearchParams(
        buildRequest({ kind: 'http', url: 'https://b.example/', mapping: m, format: 'form' }, f, vars).body,
      )
      return (
        json.a.email === email &&
        json.note === note &&
        form.get('a[email]') === email &&
        form.get('note') === note
      )
    }),
  )
})
