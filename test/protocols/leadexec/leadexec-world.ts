import { hashPassword } from '../../../src/core/secrets.js'
import { createCredential } from '../../../src/storage/credential-store.js'
import type { TestHandle as Leadflow } from '../../helpers/test-app.js'

/** An extra source (and campaign) beside the demo one, for tests that change a source's state. */
export async function addSource(
  lf: Leadflow,
  vid: number,
  options: { status?: string; settings?: object; requireToken?: boolean; token?: string } = {},
): Promise<number> {
  const at = lf.clock.now().toISOString()
  const row = await lf.db
    .insertInto('sources')
    .values({
      vid,
      name: `Source ${vid}`,
      status: options.status ?? 'active',
      password_hash: await hashPassword('pw'),
      require_token: options.requireToken ? 1 : 0,
      settings_json: JSON.stringify(options.settings ?? {}),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (options.token) {
    await createCredential(
      lf.db,
      { ownerKind: 'source', ownerId: row.id, kind: 'bearer', secret: options.token },
      lf.clock.now(),
    )
  }
  return row.id
}

export async function countLeads(lf: Leadflow): Promise<number> {
  const rows = await lf.db.selectFrom('leads').select('id').execute()
  return rows.length
}
