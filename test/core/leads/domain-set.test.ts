import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createDomainSet } from '../../../src/core/leads/domain-set.js'

test('a domain set has exactly its names: no prefix, suffix or neighbour of one', () => {
  const set = createDomainSet(['mailinator.com', 'a.b', 'example.org', 'mailinator.com'])
  for (const name of ['mailinator.com', 'a.b', 'example.org']) assert.equal(set.has(name), true, name)
  for (const name of [
    'mailinator.co',
    'ailinator.com',
    'mailinator.com.',
    'a',
    'b',
    '',
    'a.b\nexample.org',
    'x.a.b',
  ])
    assert.equal(set.has(name), false, JSON.stringify(name))
})

test('a domain set of many names finds each of them and none of their variants', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `d${i * 7}.example`)
  const set = createDomainSet(names)
  assert.equal(
    names.every((n) => set.has(n)),
    true,
  )
  assert.equal(
    names.some((n) => set.has(`${n}x`) || set.has(n.slice(1))),
    false,
  )
  assert.equal(createDomainSet([]).has('example.com'), false)
})
