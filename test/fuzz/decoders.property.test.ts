import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { decodeForm } from '../../src/protocols/leadexec/decode-form.js'
import { decodeJson } from '../../src/protocols/leadexec/decode-json.js'
import { decodeXml } from '../../src/protocols/leadexec/decode-xml.js'
import { HOSTILE } from './hostile-input.js'

/**
 * docs/reliability.md, "Hostile input": the LeadExec body decoders are total functions — for any
 * input they answer `{ ok: true, request }` or `{ ok: false, … }` and never throw (a throw is a
 * 500 at the HTTP edge). Seeded; LEADFLOW_FUZZ_SEED repeats a run.
 */
const SEED = Number(process.env.LEADFLOW_FUZZ_SEED ?? 20261123)
const RUNS = { seed: SEED, numRuns: 300 }

const answers = (decoded: { ok: boolean }) => typeof decoded?.ok === 'boolean'

const hostile = fc.constantFrom(...HOSTILE.map((s) => s.slice(0, 2000)))
const value = fc.oneof(
  hostile,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.anything(),
)
const leadExecShaped = fc.record(
  {
    source: fc.oneof(
      fc.dictionary(fc.constantFrom('vid', 'lid', 'aid', 'password', 'returnURL', 'sendDelay'), value),
      value,
    ),
    leads: fc.oneof(
      fc.array(
        fc.record(
          { properties: fc.dictionary(fc.string(), value), fields: fc.dictionary(fc.string(), value) },
          { requiredKeys: [] },
        ),
        { maxLength: 5 },
      ),
      value,
    ),
  },
  { requiredKeys: [] },
)

test('decodeJson answers every input without throwing', () => {
  const text = fc.oneof(
    fc.string(),
    fc.json(),
    leadExecShaped.map((o) => JSON.stringify(o)),
    fc.string({ unit: 'binary' }),
  )
  fc.assert(
    fc.property(text, (t) => answers(decodeJson(t))),
    RUNS,
  )
  const deep = fc.integer({ min: 1, max: 50_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`)
  fc.assert(
    fc.property(deep, (t) => answers(decodeJson(t))),
    { ...RUNS, numRuns: 20 },
  )
})

const tag = fc.constantFrom('Leads', 'Lead', 'FirstName', 'Email', 'Phone', 'a', 'x:y', 'LEADS', '_1')
const xmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(hostile, fc.string()).map((s) => s.replace(/[<&]/g, '')),
    fc
      .tuple(
        tag,
        fc.dictionary(fc.constantFrom('vid', 'lid', 'aid', 'password', 'reference'), fc.string()),
        fc.array(tie('node'), { maxLength: 4 }),
      )
      .map(([name, attrs, children]) => {
        const a = Object.entries(attrs)
          .map(([k, v]) => ` ${k}="${v.replace(/[<&"]/g, '')}"`)
          .join('')
        return `<${name}${a}>${children.join('')}</${name}>`
      }),
  ),
})).node

test('decodeXml answers every input without throwing', () => {
  const text = fc.oneof(
    fc.string(),
    xmlTree,
    xmlTree.map((x) => `<Leads vid="1" lid="1">${x}</Leads>`),
    hostile,
  )
  fc.assert(
    fc.property(text, (t) => answers(decodeXml(t))),
    RUNS,
  )
})

test('decodeXml answers deeply nested documents without throwing', () => {
  const deep = fc
    .integer({ min: 1, max: 3000 })
    .map((n) => `<Leads vid="1" lid="1"><Lead>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</Lead></Leads>`)
  fc.assert(
    fc.property(deep, (t) => answers(decodeXml(t))),
    { ...RUNS, numRuns: 30 },
  )
})

test('decodeForm answers every input without throwing', () => {
  const query = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), hostile))
  const body = fc.option(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostile), { nil: undefined })
  fc.assert(
    fc.property(body, query, (b, q) => answers(decodeForm(b, q))),
    RUNS,
  )
  assert.ok(answers(decodeForm('%E0%A4%A=%zz&=&&==&a=%', {})))
})
