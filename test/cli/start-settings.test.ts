import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { REPO_ROOT, SERVER_RUNTIME } from '../helpers/child-server.js'

/**
 * `npm start` runs the compiled server with the node options and malloc setting of
 * bin/server-runtime.json, the ones bin/leadflow.js and the bench's server are started with.
 */
test("npm start runs dist/main.js with bin/server-runtime.json's settings", () => {
  const scripts = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >
  const env = Object.entries(SERVER_RUNTIME.env).map(([name, value]) => `${name}=${value}`)
  assert.equal(
    scripts.start,
    [...env, 'node', ...SERVER_RUNTIME.nodeArgs, 'dist/main.js serve --demo'].join(' '),
  )
})
