import { generateSecret } from '../core/secrets.js'
import { createCredential } from '../storage/credential-store.js'
import type { Leadflow } from './leadflow.js'

/**
 * Outside demo mode the admin API needs a key: the operator's LEADFLOW_ADMIN_KEY, or one
 * generated at first start and shown once.
 */
export async function ensureAdminKey(lf: Leadflow, show: (key: string) => void): Promise<void> {
  const now = lf.clock.now()
  if (lf.config.adminKey) {
    await createCredential(
      lf.db,
      {
        ownerKind: 'admin',
        ownerId: null,
        kind: 'bearer',
        secret: lf.config.adminKey,
        label: 'LEADFLOW_ADMIN_KEY',
      },
      now,
    )
    return
  }
  const existing = await lf.db
    .selectFrom('credentials')
    .select('id')
    .where('owner_kind', '=', 'admin')
    .executeTakeFirst()
  if (existing) return
  const key = generateSecret('lfa')
  await createCredential(
    lf.db,
    { ownerKind: 'admin', ownerId: null, kind: 'bearer', secret: key, label: 'generated at first start' },
    now,
  )
  show(key)
}
