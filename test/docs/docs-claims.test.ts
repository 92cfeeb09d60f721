import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { newEventId } from '../../src/core/events/event-id.js'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('what the docs claim (issue 18)', () => {
  test('an event id is 32 bits of time then 64 random bits, as leadconduit.md says', () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0)
    const [a, b] = [newEventId(at), newEventId(at)]
    assert.equal(a.slice(0, 8), (at / 1000).toString(16).padStart(8, '0'))
    assert.equal(a.slice(0, 8), b.slice(0, 8))
    assert.notEqual(a.slice(8), b.slice(8))
    const doc = read('docs/protocols/leadconduit.md')
    assert.match(doc, /32 bits of time, then 64 random bits/)
    assert.doesNotMatch(doc, /96 random bits/)
  })

  test('the CLI is shown as `npx leadflow …` or `npm run leadflow -- …`: bare `leadflow` is not on the PATH', () => {
    for (const path of [
      'README.md',
      'docs/configuration.md',
      'docs/operations.md',
      'examples/leadflow.yaml',
    ]) {
      const bare = read(path).match(/(?<!npx |bin\/)`leadflow (apply|serve|migrate|demo)\b[^`]*`/g)
      assert.equal(bare, null, `${path} shows ${bare?.join(', ')}`)
    }
  })
})
