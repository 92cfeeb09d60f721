import type { Kysely } from 'kysely'
import { type AuditContext, cliContext } from '../core/accounts/caller.js'
import type { UserAdmin } from '../core/accounts/user-admin.js'
import { createBuyerAdmin } from '../core/config/buyer-admin.js'
import { createCampaignAdmin } from '../core/config/campaign-admin.js'
import type { ParsedConfigFile } from '../core/config/config-file.js'
import { createContractAdmin } from '../core/config/contract-admin.js'
import { createCredentialAdmin } from '../core/config/credential-admin.js'
import { createLeadTypeAdmin } from '../core/config/lead-type-admin.js'
import { createSourceAdmin } from '../core/config/source-admin.js'
import type { Deliverer } from '../core/distribution/deliverer.js'
import { createDeliveryTest } from '../core/distribution/test-delivery.js'
import { createReasonAdmin } from '../core/feedback/reason-admin.js'
import { createLeadBrowser } from '../core/leads/lead-browser.js'
import type { Clock } from '../core/ports.js'
import { createPrivacy } from '../core/privacy/purge-consumer.js'
import type { NativeAdmin } from '../protocols/native/native-admin.js'
import { type ApplySummary, applyConfig } from '../storage/config/apply-config.js'
import { createBuyerStore } from '../storage/config/buyer-store.js'
import { createCampaignStore } from '../storage/config/campaign-store.js'
import { createContractStore } from '../storage/config/contract-store.js'
import { createCredentialStore } from '../storage/config/credential-admin-store.js'
import { createLeadTypeStore } from '../storage/config/lead-type-store.js'
import { createSourceStore } from '../storage/config/source-store.js'
import { createDeliveryTestStore } from '../storage/delivery-test-store.js'
import { markDemo, restoreDemoWorld, retireDemoWorld } from '../storage/demo-marks.js'
import { createDiallerCampaign } from '../storage/dialler-admin-store.js'
import { createLeadQueries } from '../storage/lead-listing.js'
import { createConsumerPurgeStore } from '../storage/purge-consumer.js'
import { createReasonStore } from '../storage/reason-store.js'
import type { Database } from '../storage/schema.js'
import type { Sealer } from '../storage/secret-seal.js'
import { createDemoWorld } from './demo/create-demo-world.js'
import { DEMO } from './demo/demo-ids.js'

/**
 * The configuration and admin use-cases behind the native admin API (/api/v1), `leadflow apply`,
 * the demo world and the admin key at start. Built once by createServices.
 */
export interface AdminServices extends NativeAdmin {
  /** leadflow.yaml: applies a validated file in one transaction (src/storage/config/apply-config.ts). */
  readonly configFile: { apply(parsed: ParsedConfigFile, audit?: AuditContext): Promise<ApplySummary> }
  /** Creates the demo world through the use-cases above (src/app/demo); idempotent. */
  seedDemo(): Promise<void>
  /** Without --demo: revokes what the demo world created (src/storage/demo-marks.ts). */
  retireDemo(): Promise<void>
}

export function createAdminServices(
  db: Kysely<Database>,
  clock: Clock,
  sealer: Sealer,
  /** The deliverer distribution sends with, so a test lead takes the very same path. */
  deliverer: Deliverer,
  demoUsers?: Pick<UserAdmin, 'plant'>,
): AdminServices {
  const buyerStore = createBuyerStore(db)
  const credentialStore = createCredentialStore(db)
  const admin: AdminServices = {
    sources: createSourceAdmin(createSourceStore(db), clock),
    campaigns: createCampaignAdmin(createCampaignStore(db), clock),
    leadTypes: createLeadTypeAdmin(createLeadTypeStore(db), clock),
    buyers: createBuyerAdmin(buyerStore, clock),
    contracts: createContractAdmin(createContractStore(db, sealer), buyerStore, clock),
    deliveryTest: createDeliveryTest(createDeliveryTestStore(db), deliverer, clock),
    credentials: createCredentialAdmin(credentialStore, clock),
    leads: createLeadBrowser(createLeadQueries(db), clock),
    privacy: createPrivacy(createConsumerPurgeStore(db), clock),
    reasons: createReasonAdmin(createReasonStore(db), clock),
    configFile: {
      apply: (parsed, audit = cliContext('leadflow apply')) =>
        applyConfig(db, parsed, clock.now(), sealer, audit),
    },
    seedDemo: async () => {
      await createDemoWorld({
        admin,
        clock,
        users: demoUsers,
        createDiallerCampaign: (campaign, now) => createDiallerCampaign(db, campaign, now),
        markDemo: (kind, ref) => markDemo(db, kind, ref),
      })
      await restoreDemoWorld(db, DEMO.source.password, clock.now())
    },
    retireDemo: () => retireDemoWorld(db, DEMO.source.password, clock.now()),
  }
  return admin
}
