// Writes console/src/api/openapi.ts, the native API's OpenAPI document the console derives its
// types from (console/src/api/types.ts). Run with `npm run api:types` after changing a route schema.
import { writeFile } from 'node:fs/promises'
import { OPENAPI_MODULE, OPENAPI_MODULE_PATH, renderOpenapiModule } from './render-openapi-module.js'

await writeFile(OPENAPI_MODULE_PATH, await renderOpenapiModule())
console.log(`wrote ${OPENAPI_MODULE}`)
