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
 * Round the clock, so the README tour's step 6 hands the call out at whatever hour it is run
 * (the default 08:00–21:00 London would hold an evening's lead until the next morning).
 */
export const DEMO_DIALLER_SETTINGS = {
  ...DEFAULT_CAMPAIGN_SETTINGS,
  callingHours: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] },
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
  await createDiallerCampaign({ ...DEMO_DIALLER_CAMPAIGN, settings: DEMO_DIALLER_SETTINGS }, clock.now())
}
