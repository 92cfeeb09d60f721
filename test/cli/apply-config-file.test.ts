import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { applyConfigFile } from '../../src/app/apply-config-file.js'
import { LeadflowError } from '../../src/core/errors.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

const dir = mkdtempSync(join(tmpdir(), 'lf-apply-'))
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function refusal(t: TestApp, path: string): Promise<LeadflowError> {
  const error = await applyConfigFile(t.services, path).then(
    () => assert.fail('expected the file to be refused'),
    (e: unknown) => e,
  )
  assert.ok(error instanceof LeadflowError)
  assert.equal(error.code, 'LF_CONFIG_FILE')
  return error
}

for (const kind of await dialectsUnderTest()) {
  describe(`leadflow apply [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    test('the shipped example applies, then applies again unchanged', async () => {
      const first = await applyConfigFile(t.services, 'examples/leadflow.yaml')
      assert.deepEqual(
        { created: first.created, updated: first.updated, unchanged: first.unchanged },
        { created: 5, updated: 0, unchanged: 0 },
      )
      const again = await applyConfigFile(t.services, 'examples/leadflow.yaml')
      assert.deepEqual(
        { created: again.created, updated: again.updated, unchanged: again.unchanged },
        { created: 0, updated: 0, unchanged: 5 },
      )
      assert.deepEqual(again.by_kind.contracts, { created: 0, updated: 0, unchanged: 1 })
    })

    test('what was applied reads back through the API', async () => {
      const type = await t.app.inject({ method: 'GET', url: '/api/v1/lead-types/2', headers: ADMIN })
      assert.equal(type.statusCode, 200)
      assert.equal(type.json().name, 'Home Insurance')
      assert.equal(type.json().fields.length, 9)
      const source = await t.app.inject({ method: 'GET', url: '/api/v1/sources/2', headers: ADMIN })
      assert.equal(source.json().has_password, true)
      assert.equal(source.json().settings.maxDeliveries, 2)
      const campaign = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/2', headers: ADMIN })
      assert.deepEqual([campaign.json().vid, campaign.json().lid], [2, 2])
      const buyers = await t.app.inject({ method: 'GET', url: '/api/v1/buyers', headers: ADMIN })
      const harbor = buyers.json().items.find((b: { name: string }) => b.name === 'Harbor Home Leads')
      const contracts = await t.app.inject({
        method: 'GET',
        url: `/api/v1/buyers/${harbor.id}/contracts`,
        headers: ADMIN,
      })
      const [contract] = contracts.json().items
      assert.equal(contract.price_cents, 3200)
      assert.equal(contract.price, 32)
      assert.equal(contract.schedule.timeZone, 'America/Los_Angeles')
    })

    test('a changed file updates only what changed, the password included', async () => {
      const path = file(
        'changed.yaml',
        [
          'sources:',
          '  - vid: 2',
          '    name: Northwind Media',
          '    password: a-new-password',
          '    settings: { maxDeliveries: 2, margin: { value: 20, kind: percent }, caps: [{ count: 5000, period: day }], postbackUrl: "https://northwind.example/postback" }',
          'buyers:',
          '  - name: Harbor Home Leads',
          '    status: disabled',
        ].join('\n'),
      )
      const summary = await applyConfigFile(t.services, path)
      assert.deepEqual(summary.by_kind.sources, { created: 0, updated: 1, unchanged: 0 })
      assert.deepEqual(summary.by_kind.buyers, { created: 0, updated: 1, unchanged: 0 })
      const again = await applyConfigFile(t.services, path)
      assert.equal(again.updated, 0, 'same password and reordered settings keys are unchanged')
    })

    test('errors name the file, the line and the path', async () => {
      const path = file(
        'typo.yaml',
        [
          'lead_types:', // 1
          '  - lid: 7', // 2
          '    name: Solar', // 3
          '    fields:', // 4
          '      - { name: FirstName, type: text }', // 5
          '      - name: Email', // 6
          '        type: emial', // 7
          '    duplicate_rules:', // 8
          '      - { fields: [Phone], windowDays: 30 }', // 9
        ].join('\n'),
      )
      const error = await refusal(t, path)
      assert.match(
        error.message,
        /typo\.yaml:7 lead_types\[0\]\.fields\[1\]\.type: unknown field type "emial"/,
      )
      assert.match(
        error.message,
        /typo\.yaml:9 lead_types\[0\]\.duplicate_rules\[0\]\.fields\[0\]: "Phone" is not a field/,
      )
      const details = error.details as { path: string; line: number }[]
      assert.deepEqual(
        details.map((d) => [d.path, d.line]),
        [
          ['lead_types[0].fields[1].type', 7],
          ['lead_types[0].duplicate_rules[0].fields[0]', 9],
        ],
      )
    })

    test('a missing key is reported at its parent line, unknown keys too', async () => {
      const path = file(
        'missing.yaml',
        ['buyers:', '  - name: Nova', '    contracts:', '      - name: Nova A', '        price: 12.5'].join(
          '\n',
        ),
      )
      const error = await refusal(t, path)
      assert.match(error.message, /missing\.yaml:4 buyers\[0\]\.contracts\[0\]\.lid: is required/)
      assert.match(error.message, /missing\.yaml:5 buyers\[0\]\.contracts\[0\]\.price: unknown key/)
    })

    test('an unknown reference fails the whole file and writes nothing', async () => {
      const path = file(
        'ref.yaml',
        [
          'sources:',
          '  - vid: 40',
          '    name: Forty',
          '    campaigns:',
          '      - aid: 40',
          '        name: Forty A',
          '        lid: 99',
        ].join('\n'),
      )
      const error = await refusal(t, path)
      assert.match(error.message, /ref\.yaml:7 sources\[0\]\.campaigns\[0\]\.lid: no lead type with lid 99/)
      const source = await t.app.inject({ method: 'GET', url: '/api/v1/sources/40', headers: ADMIN })
      assert.equal(source.statusCode, 404, 'the source saved before the failure was rolled back')
    })

    test('duplicate natural keys in one file, bad YAML and unreadable files are refused', async () => {
      const dup = file('dup.yaml', 'sources:\n  - { vid: 50, name: A }\n  - { vid: 50, name: B }\n')
      assert.match(
        (await refusal(t, dup)).message,
        /dup\.yaml:3 sources\[1\]\.vid: vid 50 is also declared at sources\[0\]/,
      )
      const bad = file('bad.yaml', 'sources:\n  - vid: 1\n   name: [oops\n')
      assert.match((await refusal(t, bad)).message, /bad\.yaml:\d+ /)
      const top = file('top.yaml', 'source:\n  - vid: 1\n')
      assert.match((await refusal(t, top)).message, /top\.yaml:1 source: unknown key/)
      assert.match((await refusal(t, join(dir, 'absent.yaml'))).message, /cannot read/)
    })

    test('an empty file applies nothing', async () => {
      const summary = await applyConfigFile(t.services, file('empty.yaml', '# nothing yet\n'))
      assert.deepEqual([summary.created, summary.updated, summary.unchanged], [0, 0, 0])
    })
  })
}
