import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import {
  OPENAPI_MODULE,
  OPENAPI_MODULE_PATH,
  renderOpenapiModule,
} from '../../scripts/render-openapi-module.js'

// The console's API types (console/src/api/types.ts) are derived from this generated file, so a
// route schema changed without regenerating it would let the console typecheck against an old API.
test('console/src/api/openapi.ts matches the OpenAPI document the routes produce', async () => {
  const [committed, current] = await Promise.all([
    readFile(OPENAPI_MODULE_PATH, 'utf8'),
    renderOpenapiModule(),
  ])
  assert.ok(committed === current, `${OPENAPI_MODULE} is stale: run npm run api:types`)
})
