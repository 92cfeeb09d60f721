import { duplicateKeys } from '../leads/duplicate-keys.js'
import { parseLead } from '../leads/parse-lead.js'
import { alignFieldNames } from './align-field-names.js'
import { authenticate } from './authenticate.js'
import type { SourceCredentials } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { Rejection } from './rejection.js'
import { resolveLeadType } from './resolve-lead-type.js'
import { usDateTime } from './us-date-time.js'

export interface DuplicateCheckCommand {
  credentials: SourceCredentials
  leadTypeId?: string
  fields: Record<string, string>
}

export interface DuplicateCheckOutcome {
  ok: true
  isDuplicate: boolean
  /** The earlier lead's id when it came from the same source, else 0 (seed 003, Duplicate Check). */
  duplicateLeadId: number
  receivedOn: string | null
  response: string
}

/**
 * Would this data be a duplicate? (seed 003, "Duplicate Check"). Only the fields sent are used;
 * required-field errors are ignored because the document says to send only the fields the
 * duplicate rules read. Nothing is stored.
 */
export async function checkDuplicate(
  deps: IntakeDeps,
  cmd: DuplicateCheckCommand,
): Promise<DuplicateCheckOutcome | Rejection> {
  const auth = await authenticate(deps, cmd.credentials, cmd.leadTypeId)
  if (!auth.ok) return auth
  const resolved = await resolveLeadType(deps, auth.source, cmd.leadTypeId)
  if (!resolved.ok) return resolved
  const { leadType } = resolved
  const parsed = parseLead(leadType.fields, alignFieldNames(leadType.fields, cmd.fields), deps.clock.now())
  const keys = duplicateKeys(leadType.duplicateRules, parsed)
  const hit = await deps.store.findDuplicate(leadType.id, auth.source.id, keys, deps.clock.now())
  if (!hit)
    return {
      ok: true,
      isDuplicate: false,
      duplicateLeadId: 0,
      receivedOn: null,
      response: 'Lead is not a duplicate',
    }
  const sameSource = hit.sourceId === auth.source.id
  const shown = sameSource ? `, ${hit.leadId}` : ''
  return {
    ok: true,
    isDuplicate: true,
    duplicateLeadId: sameSource ? hit.leadId : 0,
    receivedOn: hit.receivedAt,
    response: `Duplicate Lead${shown} Last Received On: ${usDateTime(hit.receivedAt)} UTC`,
  }
}
