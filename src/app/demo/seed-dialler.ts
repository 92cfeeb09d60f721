import { DEFAULT_CAMPAIGN_SETTINGS } from '../../core/dialler/campaign-settings.js'
import { DEMO } from './demo-ids.js'
import { type DemoDeps, demoCredential } from './seed-steps.js'

/** The type + subtype the Comunik8 Leads API's examples use (Examples, "Creating Leads"). */
export const DEMO_DIALLER_CAMPAIGN = {
  type: 'motor-trade',
  subtype: 'valeter',
  name: 'Motor trade — valeter',
}

/**
 * The dialler key `demo-dialler-key` and the campaign motor-trade / valeter, so the document's
 * curl examples run unchanged but for host and key. Idempotent: both ignore a duplicate.
 */
export async function seedDialler(deps: DemoDeps): Promise<void> {
  const { clock, createDiallerCampaign } = deps
  await demoCredential(deps, {
    owner_kind: 'dialler',
    kind: 'api_key',
    secret: DEMO.diallerKey,
    label: 'demo dialler',
  })
  await createDiallerCampaign({ ...DEMO_DIALLER_CAMPAIGN, settings: DEFAULT_CAMPAIGN_SETTINGS }, clock.now())
}
