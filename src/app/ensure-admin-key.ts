import type { Config } from '../config.js'
import type { AdminServices } from './admin-services.js'

/**
 * Outside demo mode the admin API needs a key: the operator's LEADFLOW_ADMIN_KEY, or one
 * generated at first start and shown once (core/config/credential-admin.ts, ensureAdminKey).
 */
export async function ensureAdminKey(
  services: { admin: Pick<AdminServices, 'credentials'>; config: Pick<Config, 'adminKey'> },
  show: (key: string) => void,
): Promise<void> {
  const generated = await services.admin.credentials.ensureAdminKey(services.config.adminKey)
  if (generated) show(generated)
}
