import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import {
  CREDS,
  childNames,
  FORM,
  formBody,
  JSON_CT,
  jsonBody,
  POST_RESPONSE_KEYS,
  parseXml,
  person,
  XML,
  xmlBody,
} from './leadexec-fixtures.js'
import { scriptedDistributor } from './scripted-distributor.js'

for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec redirect, returnsends, transfer, calldata [${kind}]`, () => {
    let t: TestApp
    const scripted = scriptedDistributor()
    before(async () => {
      t = await createTestApp(kind)
      t.services.intake.distributor = scripted.distributor
    })
    after(() => t.close())

    const post = (url: string, headers: Record<string, string>, payload: string) =>
      t.app.inject({ method: 'POST', url, headers, payload })

    test('manualredirect (form → json): RedirectURL and the source’s Price', async () => {
      const answer = (await post('/processor/insert/manualredirect/json', FORM, formBody(person()))).json()
      assert.deepEqual(Object.keys(answer), [...POST_RESPONSE_KEYS, 'StatusURL'])
      assert.equal(answer.RedirectURL, 'https://buyer.example/thanks?x=1&y=2')
      assert.equal(answer.Price, 25)
    })

    test('manualredirect (xml → xml): RedirectURL escaped in the document', async () => {
      const res = await post('/processor/insert/manualredirect/xml', XML, xmlBody(person()))
      assert.ok(res.body.includes('<RedirectURL>https://buyer.example/thanks?x=1&amp;y=2</RedirectURL>'))
      assert.equal(parseXml(res.body).PostResponse.Price, '25')
    })

    test('autoredirect: an HTTP redirect to the buyer’s URL', async () => {
      const res = await post('/processor/insert/autoredirect/json', JSON_CT, jsonBody(person()))
      assert.equal(res.statusCode, 302)
      assert.equal(res.headers.location, 'https://buyer.example/thanks?x=1&y=2')
    })

    test('autoredirect of a refused lead answers the PostResponse', async () => {
      const res = await post('/processor/insert/autoredirect/xml', FORM, formBody({ Email: 'x' }))
      assert.equal(res.statusCode, 200)
      assert.equal(parseXml(res.body).PostResponse.ResponseType, 'Data_Errors')
    })

    test('returnsends (form → json): the Sends list', async () => {
      const answer = (await post('/processor/insert/returnsends/json', FORM, formBody(person()))).json()
      assert.deepEqual(Object.keys(answer), [...POST_RESPONSE_KEYS, 'Sends'])
      assert.deepEqual(answer.Sends[0], {
        ClientUID: 1234,
        ClientName: 'Demo Company',
        RedirectURL: '',
        Valid: true,
        Price: 25,
      })
      assert.equal(answer.Sends.length, 2)
    })

    test('returnsends (json body → json): an array, as the JSON example shows', async () => {
      const answers = (await post('/processor/insert/returnsends/json', JSON_CT, jsonBody(person()))).json()
      assert.ok(Array.isArray(answers))
      assert.equal(answers[0].Sends[1].ClientName, 'Acme Company')
    })

    test('returnsends (xml → xml): Sends/SendInfo elements', async () => {
      const res = await post('/processor/insert/returnsends/xml', XML, xmlBody(person()))
      const doc = parseXml(res.body).PostResponse
      assert.deepEqual(childNames(doc), [...POST_RESPONSE_KEYS, 'Sends'])
      assert.deepEqual(childNames(doc.Sends.SendInfo[0]), [
        'ClientUID',
        'ClientName',
        'RedirectURL',
        'Valid',
        'Price',
      ])
      assert.equal(doc.Sends.SendInfo[0].ClientUID, '1234')
    })

    test('transfer (form → json and xml): the ClientInfos list with agents', async () => {
      const answer = (await post('/processor/insert/transfer/json', FORM, formBody(person()))).json()
      assert.deepEqual(Object.keys(answer), [...POST_RESPONSE_KEYS, 'ClientInfos'])
      assert.deepEqual(answer.ClientInfos[0], {
        ClientUID: 1234,
        ClientName: 'Demo Company',
        AgentName: 'John Smith',
        AgentPhone: '7025551212',
      })
      // A JSON body answers JSON with an array but XML with a bare PostResponse (seed 003, transfer JSON).
      const res = await post('/processor/insert/transfer/xml', JSON_CT, jsonBody(person()))
      const doc = parseXml(res.body).PostResponse
      assert.equal(doc.ClientInfos.ClientInfo[1].AgentName, 'Bob McCarthy')
    })

    test('calldata (form): call details stored, calldate read as Pacific time', async () => {
      const call =
        'ivrnumber=8005551212&callduration=125&callresult=Transferred&calldate=11%2F13%2F2020%2012%3A15%20PM'
      const answer = (
        await post('/processor/insert/calldata/json', FORM, formBody(person(), `${CREDS}&${call}`))
      ).json()
      assert.equal(answer.isValidPost, true, answer.ResponseDetails)
      const row = await t.lf.db
        .selectFrom('leads')
        .select(['fields_json', 'mode'])
        .where('id', '=', answer.LeadIdentifier)
        .executeTakeFirstOrThrow()
      assert.equal(row.mode, 'calldata')
      assert.deepEqual(JSON.parse(row.fields_json).call, {
        ivrNumber: '8005551212',
        callDurationSeconds: 125,
        callResult: 'Transferred',
        callDate: '2020-11-13T20:15:00.000Z',
      })
    })

    test('calldata (xml): <IVRNumber> and friends inside <Lead>; summer time is UTC-7', async () => {
      const fields = {
        ...person(),
        IVRNumber: '8005551212',
        CallDuration: '60',
        CallResult: 'Sale',
        CallDate: '07/04/2021 9:00 AM',
      }
      const res = await post('/processor/insert/calldata/xml', XML, xmlBody(fields))
      const doc = parseXml(res.body).PostResponse
      assert.equal(doc.ResponseType, 'No_Error', doc.ResponseDetails)
      const row = await t.lf.db
        .selectFrom('leads')
        .select('fields_json')
        .where('id', '=', Number(doc.LeadIdentifier))
        .executeTakeFirstOrThrow()
      assert.equal(JSON.parse(row.fields_json).call.callDate, '2021-07-04T16:00:00.000Z')
    })

    test('calldata (json): properties ivrNumber/callDuration; missing ones are Data_Errors', async () => {
      const props = {
        reference: '',
        noSell: false,
        ivrNumber: '8005551212',
        callDuration: 30,
        callResult: '',
        callDate: '11/13/2020 12:15 PM',
      }
      const ok = (
        await post('/processor/insert/calldata/json', JSON_CT, jsonBody(person(), undefined, props))
      ).json()
      assert.equal(ok[0].ResponseType, 0, ok[0].ResponseDetails)
      const missing = (await post('/processor/insert/calldata/json', FORM, formBody(person()))).json()
      assert.equal(missing.ResponseType, 9)
      assert.match(missing.ResponseDetails, /ivrnumber is required/)
      assert.match(missing.ResponseDetails, /callduration is required/)
    })
  })
}
