import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { canonicalJson } from '../../../src/core/config/canonical-json.js'
import { parseConfigFile } from '../../../src/core/config/config-file.js'
import { formatPath } from '../../../src/core/config/problems.js'
import { validateContract } from '../../../src/core/config/validate-buyer.js'
import { validateCredential } from '../../../src/core/config/validate-credential.js'
import { validateLeadType } from '../../../src/core/config/validate-lead-type.js'
import { validateSource } from '../../../src/core/config/validate-source.js'
import { LeadflowError } from '../../../src/core/errors.js'

const paths = (result: { ok: boolean; problems?: { path: string }[] }) =>
  result.ok ? [] : result.problems!.map((p) => p.path)

describe('config validation (pure)', () => {
  test('paths read like the file', () => {
    assert.equal(formatPath(['lead_types', 0, 'fields', 2, 'type']), 'lead_types[0].fields[2].type')
    assert.equal(formatPath([]), '')
  })

  test('canonical JSON ignores key order, keeps list order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), '{"a":{"c":null,"d":[2,1]},"b":1}')
  })

  test('defaults are filled in', () => {
    const source = validateSource({ vid: 3, name: ' Trimmed ' })
    assert.deepEqual(source, {
      ok: true,
      value: { vid: 3, name: 'Trimmed', status: 'active', require_token: false, settings: {} },
    })
    const contract = validateContract({ name: 'C', lid: 1 })
    assert.ok(contract.ok)
    assert.deepEqual(
      [contract.value.price_cents, contract.value.pricing, contract.value.priority, contract.value.weight],
      [0, 'fixed', 100, 1],
    )
  })

  test('every problem is found in one pass', () => {
    const result = validateLeadType({ lid: 0, name: '', fields: 'Email' })
    assert.deepEqual(paths(result), ['lid', 'fields', 'name'])
  })

  test('caps need a count or a spend; settings keep unknown keys', () => {
    assert.deepEqual(paths(validateSource({ vid: 1, name: 'x', settings: { caps: [{ period: 'day' }] } })), [
      'settings.caps[0]',
    ])
    const kept = validateSource({ vid: 1, name: 'x', settings: { custom: { deep: true } } })
    assert.ok(kept.ok)
    assert.deepEqual(kept.value.settings, { custom: { deep: true } })
  })

  test('a return window of 0 days is refused, not read as "no window"', () => {
    const base = { name: 'C', lid: 1 }
    const zero = validateContract({ ...base, return_policy: { windowDays: 0 } })
    assert.equal(zero.ok, false)
    assert.ok(!zero.ok)
    assert.deepEqual(
      zero.problems.map(({ path, message }) => ({ path, message })),
      [
        {
          path: 'return_policy.windowDays',
          message: 'must be at least 1 (days after the sale); leave windowDays out for no return window',
        },
      ],
    )
    assert.equal(validateContract({ ...base, return_policy: { windowDays: 1 } }).ok, true)
    assert.equal(validateContract({ ...base, return_policy: {} }).ok, true)
  })

  test('credential expiry must be a future ISO time', () => {
    const now = new Date('2026-11-23T00:00:00Z')
    assert.deepEqual(
      paths(validateCredential({ owner_kind: 'admin', expires_at: '2026-11-22T00:00:00Z' }, now)),
      ['expires_at'],
    )
    const ok = validateCredential({ owner_kind: 'admin', expires_at: '2026-12-01' }, now)
    assert.ok(ok.ok)
    assert.equal(ok.value.expires_at, '2026-12-01T00:00:00.000Z')
  })

  test('a YAML file with duplicate keys is refused with its line', () => {
    assert.throws(
      () => parseConfigFile('sources:\n  - vid: 1\n    vid: 2\n    name: x\n', 'dup.yaml'),
      (error: unknown) => error instanceof LeadflowError && /^dup\.yaml:3 /.test(error.message),
    )
  })
})
