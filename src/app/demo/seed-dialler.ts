import { DEFAULT_CAMPAIGN_SETTINGS } from '../../core/dialler/campaign-settings.js'
import { createCredential } from '../../storage/credential-store.js'
import { createDiallerCampaign } from '../../storage/dialler-admin-store.js'
import type { Leadflow } from '../leadflow.js'
import { DEMO } from './demo-ids.js'

/** The type + subtype the Comunik8 Leads API's examples use (Examples, "Creating Leads"). */
export const DEMO_DIALLER_CAMPAIGN = {
  type: 'motor-trade',
  subtype: 'valeter',
  name: 'Motor trade — valeter',
}

/**
 * The dialler key `demo-dialler-key` and the campaign motor-trade / valeter, so the document's
 * curl examples run unchanged but for host and key. Idempotent: both inserts ignore a duplicate.
 */
export async function seedDialler(lf: Leadflow): Promise<void> {
  const now = lf.clock.now()
  await createCredential(
    lf.db,
    { ownerKind: 'dialler', ownerId: null, kind: 'api_key', secret: DEMO.diallerKey, label: 'demo dialler' },
    now,
  )
  await createDiallerCampaign(lf.db, { ...DEMO_DIALLER_CAMPAIGN, settings: DEFAULT_CAMPAIGN_SETTINGS }, now)
}
