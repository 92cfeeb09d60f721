import type { BuyerAdmin } from '../../core/config/buyer-admin.js'
import type { CampaignAdmin } from '../../core/config/campaign-admin.js'
import type { ContractAdmin } from '../../core/config/contract-admin.js'
import type { CredentialAdmin } from '../../core/config/credential-admin.js'
import type { LeadTypeAdmin } from '../../core/config/lead-type-admin.js'
import type { SourceAdmin } from '../../core/config/source-admin.js'
import type { DeliveryTest } from '../../core/distribution/test-delivery.js'
import type { ReasonAdmin } from '../../core/feedback/reason-admin.js'
import type { LeadBrowser } from '../../core/leads/lead-browser.js'
import type { Privacy } from '../../core/privacy/purge-consumer.js'

/**
 * The use-cases the native admin routes call, one per route. src/app/admin-services.ts builds
 * them; src/http/mount-domains.ts hands them over as `{ admin: services.admin }`.
 */
export interface NativeAdmin {
  readonly sources: SourceAdmin
  readonly campaigns: CampaignAdmin
  readonly leadTypes: LeadTypeAdmin
  readonly buyers: BuyerAdmin
  readonly contracts: ContractAdmin
  /** "Send a test lead" to a contract or an unsaved draft of one, recording nothing. */
  readonly deliveryTest: DeliveryTest
  readonly credentials: CredentialAdmin
  readonly leads: LeadBrowser
  readonly privacy: Privacy
  readonly reasons: ReasonAdmin
}

/** Options of every native admin route file. */
export interface NativeOptions {
  admin: NativeAdmin
}
