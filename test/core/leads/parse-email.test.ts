import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadEmailDomainLists } from '../../../src/core/leads/email-domain-lists.js'
import { parseAs } from './parse-as.js'

test('an email is trimmed and lower-cased, with its parts', () => {
  const value = parseAs('email', '  John.Doe@Acme-Insurance.COM ')
  assert.equal(value.valid, true)
  assert.equal(value.normal, 'john.doe@acme-insurance.com')
  assert.deepEqual(value.components, {
    user: 'john.doe',
    domain: 'acme-insurance.com',
    tld: 'com',
    freeMail: false,
    disposable: false,
  })
})

test('free-mail and disposable domains are flagged from the list packages', () => {
  assert.equal(parseAs('email', 'a@gmail.com').components.freeMail, true)
  assert.equal(parseAs('email', 'a@gmail.com').components.disposable, false)
  assert.equal(parseAs('email', 'a@mailinator.com').components.disposable, true)
  assert.equal(parseAs('email', 'a@yahoo.co.uk').components.freeMail, true)
})

test('a subdomain of a disposable domain is disposable', () => {
  assert.equal(parseAs('email', 'a@inbox.mailinator.com').components.disposable, true)
})

test('an international domain is stored in its ASCII (punycode) form', () => {
  assert.equal(parseAs('email', 'bob@Bücher.de').normal, 'bob@xn--bcher-kva.de')
})

test('plus addressing and the HTML-allowed local characters are valid', () => {
  assert.equal(parseAs('email', "o'brien+leads@example.org").valid, true)
})

test('malformed addresses are invalid', () => {
  const bad = [
    'plain',
    '@example.com',
    'a@',
    'a@b',
    'a@b.c',
    'a b@example.com',
    'a..b@example.com',
    '.a@example.com',
    'a@-x.com',
    'a@x_y.com',
    'ü@example.com',
    `${'a'.repeat(65)}@example.com`,
  ]
  for (const raw of bad) {
    const value = parseAs('email', raw, { label: 'Email' })
    assert.equal(value.valid, false, raw)
    assert.match(value.error ?? '', /^Email /)
  }
})

test('the domain lists can be loaded ahead of the first email', () => {
  loadEmailDomainLists()
  assert.equal(parseAs('email', 'a@guerrillamail.com').components.disposable, true)
})
