import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { FORM, formBody, JSON_CT, jsonBody, parseXml, person, XML, xmlBody } from './leadexec-fixtures.js'
import { countLeads } from './leadexec-world.js'

for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec malformed requests [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind, { config: { bodyLimit: 4096 } })
    })
    after(() => t.close())

    async function refused(url: string, headers: Record<string, string>, payload: string, status: number) {
      const before = await countLeads(t.lf)
      const res = await t.app.inject({ method: 'POST', url, headers, payload })
      assert.equal(res.statusCode, status, res.body)
      assert.equal(await countLeads(t.lf), before, 'nothing stored')
      return res
    }

    test('malformed JSON → 400 Data_Errors, nothing stored', async () => {
      const res = await refused('/processor/insert/general/json', JSON_CT, '{"source": {"vid": 1,', 400)
      assert.equal(res.json().isValidPost, false)
      assert.equal(res.json().ResponseType, 9)
      assert.match(res.json().ResponseDetails, /not valid JSON/)
    })

    test('JSON of the wrong shape → 400 Data_Errors', async () => {
      for (const payload of [
        '[1,2]',
        '{"source":{"vid":1},"leads":[]}',
        '{"source":{"vid":{"x":1}},"leads":[{}]}',
        '"x"',
      ]) {
        const res = await refused('/processor/insert/general/json', JSON_CT, payload, 400)
        assert.equal(res.json().ResponseType, 9, payload)
      }
    })

    test('malformed XML → 400 Data_Errors in XML', async () => {
      const res = await refused('/processor/insert/general/xml', XML, '<Leads vid="1"><Lead></Leads>', 400)
      const doc = parseXml(res.body).PostResponse
      assert.equal(doc.ResponseType, 'Data_Errors')
      assert.match(doc.ResponseDetails, /well-formed/)
    })

    test('XML with a DOCTYPE or ENTITY declaration is refused before parsing', async () => {
      const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${xmlBody({ ...person(), FirstName: '&lol2;' })}`
      const res = await refused('/processor/insert/general/json', XML, bomb, 400)
      assert.match(res.json().ResponseDetails, /DOCTYPE or ENTITY/)
      const external = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xmlBody({ ...person(), FirstName: '&xxe;' })}`
      await refused('/processor/insert/general/json', { 'content-type': 'text/xml' }, external, 400)
    })

    test('an XML root other than <Leads> and a Lead with nested elements are refused', async () => {
      await refused('/processor/insert/general/json', XML, '<Lead vid="1"/>', 400)
      const nested = '<Leads vid="1" lid="1" password="demo"><Lead><Email><x>1</x></Email></Lead></Leads>'
      const res = await refused('/processor/insert/general/json', XML, nested, 400)
      assert.match(res.json().ResponseDetails, /Email/)
    })

    test('XML nested past the depth cap → 400 Data_Errors in XML, never a 500', async () => {
      const deep = `<Leads vid="1" lid="1" password="demo"><Lead>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</Lead></Leads>`
      const res = await refused('/processor/insert/general/xml', XML, deep, 400)
      const doc = parseXml(res.body).PostResponse
      assert.equal(doc.ResponseType, 'Data_Errors')
      assert.match(doc.ResponseDetails, /nested deeper than 100 levels/)
    })

    test('NUL characters are stripped from every value (JSON, form, XML) before storage', async () => {
      const posts: Array<[Record<string, string>, string, string]> = [
        [
          JSON_CT,
          jsonBody({ ...person(), FirstName: 'Jo\u0000hn' }, undefined, { reference: 'nul\u0000-json' }),
          'nul-json',
        ],
        [
          FORM,
          formBody({ ...person(), FirstName: 'Jo%00hn', reference: 'nul%00-form' }).replaceAll(
            '%2500',
            '%00',
          ),
          'nul-form',
        ],
        [
          XML,
          xmlBody({ ...person(), FirstName: 'Jo\u0000h&#0;n' }, undefined, 'reference="nul\u0000-xml"'),
          'nul-xml',
        ],
      ]
      for (const [headers, payload, reference] of posts) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers,
          payload,
        })
        assert.ok(res.statusCode < 500, res.body)
        const row = await t.lf.db
          .selectFrom('leads')
          .select(['reference', 'fields_json'])
          .where('post_id', '=', res.json().PostID)
          .executeTakeFirstOrThrow()
        assert.equal(row.reference, reference)
        assert.equal(JSON.parse(String(row.fields_json)).FirstName.raw, 'John')
      }
    })

    test('a wrong content type → 415 in the protocol shape', async () => {
      const res = await refused(
        '/processor/insert/general/json',
        { 'content-type': 'text/plain' },
        'vid=1',
        415,
      )
      assert.equal(res.json().ResponseType, 9)
      assert.match(res.json().ResponseDetails, /content type/)
    })

    test('an oversized body → 413 in the protocol shape', async () => {
      const payload = `vid=1&lid=1&password=demo&FirstName=${'x'.repeat(5000)}`
      const res = await refused(
        '/processor/insert/general/xml',
        { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
        413,
      )
      assert.equal(parseXml(res.body).PostResponse.ResponseType, 'Data_Errors')
    })

    test('an unknown response type → 404, an unknown mode → 404', async () => {
      await refused('/processor/insert/general/yaml', JSON_CT, '{}', 404)
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/nonsense/json',
        headers: JSON_CT,
        payload: '{}',
      })
      assert.equal(res.statusCode, 404)
    })

    test('bad sendDelay and returnurl values → 400 Data_Errors', async () => {
      const fields = new URLSearchParams(person()).toString()
      const headers = { 'content-type': 'application/x-www-form-urlencoded' }
      await refused(
        '/processor/insert/general/json',
        headers,
        `vid=1&lid=1&password=demo&senddelay=soon&${fields}`,
        400,
      )
      await refused(
        '/processor/insert/general/json/async',
        headers,
        `vid=1&lid=1&password=demo&returnurl=ftp://x&${fields}`,
        400,
      )
    })

    test('unknown PostIDs on the status endpoints → 404', async () => {
      for (const id of ['not-a-guid', '00000000-0000-4000-8000-000000000000']) {
        const res = await t.app.inject({ method: 'GET', url: `/information/queuestatus/${id}` })
        assert.equal(res.statusCode, 404)
        assert.match(res.json().ResponseDetails, /No post/)
      }
    })
  })
}
