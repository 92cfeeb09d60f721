import { createRequire } from 'node:module'
import type pg from 'pg'

let loaded: typeof pg | undefined

/**
 * node-postgres, required on first use rather than imported: a node on SQLite never opens
 * PostgreSQL, and loading pg cost it 2.8 MB of heap and about 10 MB of resident memory for nothing.
 */
export function loadPg(): typeof pg {
  loaded ??= createRequire(import.meta.url)('pg') as typeof pg
  return loaded
}
