import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import {
  childNames,
  FORM,
  formBody,
  GUID,
  JSON_CT,
  jsonBody,
  POST_RESPONSE_KEYS,
  parseXml,
  person,
  XML,
  xmlBody,
} from './leadexec-fixtures.js'
import { scriptedDistributor } from './scripted-distributor.js'

/** Every lead-creating endpoint × request encoding × response type, sync and async (seed 003 examples). */
const MODES = ['general', 'manualredirect', 'returnsends', 'transfer', 'calldata'] as const
const LAST_KEY: Record<string, string> = { returnsends: 'Sends', transfer: 'ClientInfos' }
const CALL = {
  ivrnumber: '8005551212',
  callduration: '42',
  callresult: 'Sale',
  calldate: '11/13/2020 12:15 PM',
}

function request(mode: string, encoding: string, returnUrl = '') {
  const fields = person()
  const call = mode === 'calldata'
  if (encoding === 'form') {
    const extra = new URLSearchParams({
      ...(call ? CALL : {}),
      ...(returnUrl ? { returnurl: returnUrl } : {}),
    })
    return { headers: FORM, payload: formBody(fields, `vid=1&lid=1&aid=1&password=demo&${extra}`) }
  }
  if (encoding === 'xml') {
    const callFields: Record<string, string> = call
      ? {
          IVRNumber: CALL.ivrnumber,
          CallDuration: CALL.callduration,
          CallResult: 'Sale',
          CallDate: CALL.calldate,
        }
      : {}
    const attrs = `vid="1" lid="1" aid="1" password="demo"${returnUrl ? ` returnurl="${returnUrl}"` : ''}`
    return { headers: XML, payload: xmlBody({ ...fields, ...callFields }, attrs) }
  }
  const props = call
    ? {
        reference: '',
        noSell: false,
        ivrNumber: CALL.ivrnumber,
        callDuration: 42,
        callResult: 'Sale',
        callDate: CALL.calldate,
      }
    : { reference: '', noSell: false }
  const source = { vid: 1, aid: 1, lid: 1, password: 'demo', sendDelay: 0.0, returnURL: returnUrl }
  return { headers: JSON_CT, payload: jsonBody(fields, source, props) }
}

for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec endpoint × encoding × response type [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      t.services.intake.distributor = scriptedDistributor().distributor
    })
    after(() => t.close())

    for (const mode of MODES) {
      for (const encoding of ['form', 'xml', 'json']) {
        test(`${mode} · ${encoding} → json`, async () => {
          const res = await t.app.inject({
            method: 'POST',
            url: `/processor/insert/${mode}/json`,
            ...request(mode, encoding),
          })
          assert.equal(res.statusCode, 200, res.body)
          const parsed = res.json()
          const answer = Array.isArray(parsed) ? parsed[0] : parsed
          assert.equal(
            Array.isArray(parsed),
            encoding === 'json' && mode in { returnsends: 1, transfer: 1, calldata: 1 },
          )
          assert.deepEqual(Object.keys(answer), [...POST_RESPONSE_KEYS, LAST_KEY[mode] ?? 'StatusURL'])
          assert.equal(answer.ResponseType, 0, answer.ResponseDetails)
        })

        test(`${mode} · ${encoding} → xml`, async () => {
          const res = await t.app.inject({
            method: 'POST',
            url: `/processor/insert/${mode}/xml`,
            ...request(mode, encoding),
          })
          assert.equal(res.statusCode, 200, res.body)
          const doc = parseXml(res.body)
          const answer = doc.PostResponse ?? doc.ArrayOfPostResponse.PostResponse
          assert.deepEqual(childNames(answer), [...POST_RESPONSE_KEYS, LAST_KEY[mode] ?? 'StatusURL'])
          assert.equal(answer.ResponseType, 'No_Error', answer.ResponseDetails)
        })

        for (const format of ['json', 'xml']) {
          test(`${mode} · ${encoding} → ${format} async`, async () => {
            const url = `/processor/insert/${mode}/${format}/async`
            const res = await t.app.inject({
              method: 'POST',
              url,
              ...request(mode, encoding, 'http://127.0.0.1:9/cb'),
            })
            assert.equal(res.statusCode, 200, res.body)
            const body =
              format === 'json'
                ? [res.json()].flat()[0]
                : (parseXml(res.body).LeadQueueResponse ??
                  parseXml(res.body).ArrayOfLeadQueueResponse.LeadQueueResponse)
            assert.deepEqual(
              Object.keys(body).filter((k) => !k.startsWith('@')),
              ['QueueSuccessful', 'PostID', 'ResponseDetails', 'StatusURL'],
            )
            assert.equal(String(body.QueueSuccessful), 'true', body.ResponseDetails)
            assert.match(body.PostID, GUID)
          })
        }
      }
    }

    test('every queued post of the matrix is processed with its call details', async () => {
      await t.lf.worker.drain()
      const rows = await t.lf.db.selectFrom('leads').select(['status', 'mode', 'fields_json']).execute()
      assert.ok(
        rows.every((r) => r.status === 'sold'),
        JSON.stringify(rows.filter((r) => r.status !== 'sold').map((r) => r.status)),
      )
      const calls = rows.filter((r) => r.mode === 'calldata')
      assert.equal(calls.length, 12)
      assert.ok(calls.every((r) => JSON.parse(r.fields_json).call.callDate === '2020-11-13T20:15:00.000Z'))
    })
  })
}
