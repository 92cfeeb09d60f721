import type { NotProcessedReason } from '../../core/dialler/add-lead.js'
import type {
  AddLeadCommand,
  AddLeadField,
  CancelLeadCommand,
  FieldErrors,
} from '../../core/dialler/validate-add-lead.js'
import { ADD_LEAD_FIELDS } from '../../core/dialler/validate-add-lead.js'
import { fieldMessage } from './field-messages.js'

/** Comunik8's field names (Leads API, FIELDS) for the neutral command's. */
const VENDOR_NAMES: Record<AddLeadField, string> = {
  email: 'email',
  firstName: 'first_name',
  surname: 'surname',
  mobile: 'mobile',
  type: 'type',
  subtype: 'subtype',
  otherPhone: 'other_phone',
  data: 'data',
  delays: 'delays',
  test: 'test',
}

export function isJsonObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
}

export function toAddLeadCommand(body: Record<string, unknown>): AddLeadCommand {
  const command: AddLeadCommand = {}
  for (const field of ADD_LEAD_FIELDS) command[field] = body[VENDOR_NAMES[field]]
  return command
}

export function toCancelLeadCommand(body: Record<string, unknown>): CancelLeadCommand {
  return { type: body.type, subtype: body.subtype, mobile: body.mobile }
}

/**
 * `{ "email": { "0": "Email cannot be blank." } }`: each failing field, its messages keyed
 * "0", "1", … (Comunik8 Leads API, Fail States, "Missing required field").
 */
export function renderFieldErrors(errors: FieldErrors): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {}
  for (const field of ADD_LEAD_FIELDS) {
    const messages = errors[field]?.map((problem) => fieldMessage(field, problem))
    if (messages) out[VENDOR_NAMES[field]] = Object.fromEntries(messages.map((m, i) => [String(i), m]))
  }
  return out
}

/** The document's `error` strings for a saved, unprocessed lead. */
export const NOT_PROCESSED_MESSAGES: Record<NotProcessedReason, string> = {
  unknown_type: 'Unknown Type',
  existing_contact: 'Existing Contact',
  already_scheduled: 'Another call is already scheduled',
}

export const CANCEL_WARNINGS = {
  unknown_type: 'server error (call group)',
  not_found: 'not found',
  already_processed: 'already processed',
  failed: 'server error (save)',
} as const
