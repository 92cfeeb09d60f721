import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeXmlText, MAX_XML_DEPTH, safeXmlReader } from '../../src/core/safe-xml.js'

const read = safeXmlReader({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false })
const nested = (levels: number) => `<r>${'<a>'.repeat(levels)}x${'</a>'.repeat(levels)}</r>`

test('DOCTYPE and ENTITY declarations are refused before parsing', () => {
  for (const text of [
    '<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>',
    '<! doctype r><r/>',
    '<!ENTITY e SYSTEM "file:///etc/passwd"><r/>',
  ]) {
    assert.deepEqual(read(text), {
      ok: false,
      message: 'XML with a DOCTYPE or ENTITY declaration is not accepted',
    })
  }
})

test('malformed XML is a result naming the problem and its line, never a throw', () => {
  const result = read('<r>\n<a></r>')
  assert.equal(result.ok, false)
  assert.match(result.ok ? '' : result.message, /^Malformed XML: the body is not well-formed \(.+, line 2\)$/)
})

test(`nesting is capped at ${MAX_XML_DEPTH} levels with a clear message, at any depth past it`, () => {
  assert.equal(read(nested(MAX_XML_DEPTH - 2)).ok, true)
  for (const levels of [MAX_XML_DEPTH + 1, 5_000, 100_000]) {
    assert.deepEqual(read(nested(levels)), {
      ok: false,
      message: `Malformed XML: elements are nested deeper than ${MAX_XML_DEPTH} levels`,
    })
  }
})

test('the caller keeps its parser options; entity processing stays off', () => {
  const unchanged = safeXmlReader({ ignoreAttributes: true, processEntities: true, parseTagValue: false })
  assert.deepEqual(unchanged('\uFEFF<r a="1"><n>007</n><t>&copy;</t></r>'), {
    ok: true,
    doc: { r: { n: '007', t: '&copy;' } },
  })
  assert.deepEqual(read('<r a="&lt;1&gt;">A &amp; B</r>'), {
    ok: true,
    doc: { r: { '#text': 'A & B', '@a': '<1>' } },
  })
})

test('only the five predefined entities and character references are decoded, in one pass', () => {
  assert.equal(decodeXmlText('&lt;&gt;&amp;&quot;&apos;'), `<>&"'`)
  assert.equal(decodeXmlText('&#65;&#x42;&#x1F600;'), 'AB\u{1F600}')
  assert.equal(decodeXmlText('&amp;lt; &#38;lt;'), '&lt; &lt;')
  assert.equal(decodeXmlText('a&#0;b&#x0;c&#x110000;d'), 'abcd')
  assert.equal(decodeXmlText('&copy; &nbsp; &unknown;'), '&copy; &nbsp; &unknown;')
})
