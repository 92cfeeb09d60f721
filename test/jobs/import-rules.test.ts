import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '')

// STYLE.md, "Target layout": jobs import neither http nor protocols (a vendor's own tasks live
// with its protocol); only app/ and storage/ hold a database handle.
test('src/jobs imports neither http, protocols nor a database driver', () => {
  for (const name of readdirSync('src/jobs')) {
    for (const spec of importsOf(join('src/jobs', name))) {
      assert.doesNotMatch(
        spec,
        /\/http\/|\/protocols\/|^kysely$|^fastify$/,
        `src/jobs/${name} imports ${spec}`,
      )
    }
  }
})

test('task handlers outside src/jobs and the outbound attempt hold no database handle', () => {
  for (const file of ['src/protocols/leadexec/callback-tasks.ts', 'src/outbound/attempt.ts']) {
    for (const spec of importsOf(file)) {
      assert.doesNotMatch(spec, /^kysely$|\/storage\//, `${file} imports ${spec}`)
    }
  }
})
