import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { FIELD_TYPES, type FieldSpec } from '../../../src/core/leads/field-spec.js'
import { parseLead } from '../../../src/core/leads/parse-lead.js'
import { NOW } from './parse-as.js'

const name = fc.oneof(
  fc.constantFrom('email', 'Phone', 'zip', '__proto__', 'constructor', 'toString'),
  fc.string({ minLength: 1, maxLength: 8 }),
)

const spec: fc.Arbitrary<FieldSpec> = fc.record({
  name,
  type: fc.constantFrom(...FIELD_TYPES),
  required: fc.boolean(),
  allowed: fc.constant(['a', 'b']),
})

const value = fc.oneof(fc.constantFrom('', '  ', 'a@example.org', '2125551234', '12345', 'yes'), fc.string())

/** Specs with distinct names (ignoring case), as a lead type declares them. */
const specs = fc.uniqueArray(spec, { selector: (s) => s.name.toLowerCase(), maxLength: 8 })

/** An input that uses some of the specs' names, in some case, plus arbitrary other keys. */
const scenario = specs.chain((declared) =>
  fc.tuple(
    fc.constant(declared),
    fc.dictionary(fc.oneof(fc.constantFrom(...declared.map((s) => s.name), 'EMAIL', 'ZIP'), name), value, {
      maxKeys: 10,
    }),
  ),
)

test('parseLead never throws and reports exactly the missing required fields', () => {
  fc.assert(
    fc.property(scenario, ([declared, input]) => {
      const lead = parseLead(declared, input, NOW)
      const present = (s: FieldSpec) =>
        Object.entries(input).some(([k, v]) => k.toLowerCase() === s.name.toLowerCase() && v.trim() !== '')
      const missing = declared.filter((s) => s.required && !present(s)).map((s) => s.name)
      const reportedMissing = lead.errors
        .filter((e) => e.message.endsWith(' is required'))
        .map((e) => e.field)
      assert.deepEqual(reportedMissing, missing)
      for (const s of declared) assert.equal(Object.hasOwn(lead.fields, s.name), present(s), s.name)
      const invalid = declared.filter((s) => Object.hasOwn(lead.fields, s.name) && !lead.fields[s.name].valid)
      assert.equal(lead.errors.length, missing.length + invalid.length)
      for (const key of Object.keys(lead.extra)) {
        assert.ok(!declared.some((s) => s.name.toLowerCase() === key.toLowerCase()), key)
        assert.equal(lead.extra[key], input[key])
      }
    }),
    { numRuns: 1000 },
  )
})
