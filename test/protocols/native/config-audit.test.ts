import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { applyConfigFile } from '../../../src/app/apply-config-file.js'
import { SECRET_MASK } from '../../../src/core/delivery/delivery-secrets.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

interface AuditEntry {
  action: string
  actor_kind: string
  actor_label: string
  resource_id: string
  before: Record<string, any> | null
  after: Record<string, any> | null
}

for (const kind of await dialectsUnderTest()) {
  describe(`configuration changes are audited with before → after [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const call = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, payload })
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`)
      return res.statusCode === 204 ? null : res.json()
    }
    const audit = async (query: string): Promise<AuditEntry[]> => {
      const res = await t.app.inject({ url: `/api/v1/audit?${query}`, headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      return res.json().items
    }

    test('sources, campaigns and lead types: create, update, delete, by the key that did it', async () => {
      await call('POST', '/lead-types', {
        lid: 77,
        name: 'Audited type',
        fields: [{ name: 'Email', type: 'email' }],
      })
      await call('PATCH', '/lead-types/77', { name: 'Audited type, renamed' })
      await call('POST', '/sources', { vid: 77, name: 'Audited source' })
      await call('POST', '/campaigns', { aid: 77, vid: 77, lid: 77, name: 'Audited campaign' })
      await call('PATCH', '/campaigns/77', { status: 'disabled' })
      await call('DELETE', '/campaigns/77')
      await call('PATCH', '/sources/77', { name: 'Audited source, renamed' })

      const types = await audit('resource=lead_type&resource_id=77')
      assert.deepEqual(types.map((e) => e.action).sort(), ['lead_type.create', 'lead_type.update'])
      const renamed = types.find((e) => e.action === 'lead_type.update')!
      assert.equal(renamed.before?.name, 'Audited type')
      assert.equal(renamed.after?.name, 'Audited type, renamed')
      assert.equal(renamed.actor_kind, 'key')

      const campaign = await audit('resource=campaign&resource_id=77')
      assert.deepEqual(
        campaign.map((e) => e.action),
        ['campaign.delete', 'campaign.update', 'campaign.create'],
      )
      assert.equal(campaign[0]!.after, null)
      assert.equal(campaign[1]!.before?.status, 'active')
      assert.equal(campaign[1]!.after?.status, 'disabled')

      const source = (await audit('resource=source&resource_id=77&action=source.update'))[0]!
      assert.equal(source.after?.name, 'Audited source, renamed')
    })

    test('buyers and contracts: before → after, credentials masked', async () => {
      const buyer = await call('POST', '/buyers', { name: 'Audited buyer' })
      await call('PATCH', `/buyers/${buyer.id}`, { status: 'disabled' })
      const contract = await call('POST', `/buyers/${buyer.id}/contracts`, {
        name: 'audited',
        lid: 1,
        delivery: {
          kind: 'http',
          url: 'https://buyer.example/post',
          auth: { kind: 'bearer', token: 'tok-SECRET-1' },
        },
      })
      await call('PATCH', `/contracts/${contract.id}`, {
        price_cents: 1234,
        delivery: {
          kind: 'http',
          url: 'https://buyer.example/post',
          auth: { kind: 'bearer', token: 'tok-SECRET-2' },
        },
      })
      await call('DELETE', `/contracts/${contract.id}`)

      const buyers = await audit(`resource=buyer&resource_id=${buyer.id}`)
      assert.deepEqual(
        buyers.map((e) => e.action),
        ['buyer.update', 'buyer.create'],
      )
      assert.equal(buyers[0]!.before?.status, 'active')
      assert.equal(buyers[0]!.after?.status, 'disabled')

      const contracts = await audit(`resource=contract&resource_id=${contract.id}`)
      assert.deepEqual(
        contracts.map((e) => e.action),
        ['contract.delete', 'contract.update', 'contract.create'],
      )
      const update = contracts[1]!
      assert.equal(update.before?.price_cents, 0)
      assert.equal(update.after?.price_cents, 1234)
      assert.equal(update.after?.delivery.auth.token, SECRET_MASK)
      const everything = JSON.stringify(await audit('limit=500'))
      assert.doesNotMatch(everything, /tok-SECRET|lfsealed/)
    })

    test('leadflow apply is audited with the CLI as actor; an unchanged apply writes nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lf-audit-apply-'))
      const file = join(dir, 'leadflow.yaml')
      writeFileSync(file, ['buyers:', '  - name: Applied buyer', '    status: active'].join('\n'))
      await applyConfigFile(t.services, file)
      await applyConfigFile(t.services, file)
      const rows = await audit('actor_kind=system&resource=buyer')
      const applied = rows.filter((e) => e.after?.name === 'Applied buyer')
      assert.equal(applied.length, 1, 'the second, unchanged apply wrote no row')
      assert.equal(applied[0]!.action, 'buyer.create')
      assert.equal(applied[0]!.actor_label, 'cli: leadflow apply')
      assert.equal(applied[0]!.before, null)
    })
  })
}
