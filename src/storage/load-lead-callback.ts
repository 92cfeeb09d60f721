import type { Kysely } from 'kysely'
import type { LeadCallback } from '../core/intake/lead-callback.js'
import { safeObject } from '../core/intake/source-settings.js'
import { intentFromStored, outcomeFromStored } from './intake-terms.js'
import type { Database } from './schema.js'

/** A lead's callback, or null while it has no return URL or no outcome to send yet. */
export async function loadLeadCallback(db: Kysely<Database>, leadId: number): Promise<LeadCallback | null> {
  const lead = await db
    .selectFrom('leads')
    .select(['id', 'source_id', 'mode', 'return_url', 'raw_json', 'outcome_json'])
    .where('id', '=', leadId)
    .executeTakeFirst()
  if (!lead?.return_url || !lead.outcome_json) return null
  return {
    leadId: lead.id,
    sourceId: lead.source_id,
    intent: intentFromStored(lead.mode),
    returnUrl: lead.return_url,
    outcome: outcomeFromStored(JSON.parse(lead.outcome_json)),
    meta: safeObject(lead.raw_json).command?.meta,
  }
}
