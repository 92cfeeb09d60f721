import { RETURN_TYPES, type ReturnType } from '../../core/feedback/admin-return.js'

export interface ReturnLeadParams {
  leadId: string
  verticalId: number | null
  buyerContractId: number | null
  returnType: ReturnType
  returnReasonId: number
  deniedReasonId: number | null
}

export type ParamCheck = { ok: true; value: ReturnLeadParams } | { ok: false; message: string }

/**
 * ReturnLead's parameters (002, "Parameters"). 002 notes that optional parameters "still need to
 * be passed through … (you can use a null value)"; leadflow also accepts them absent, and treats
 * an empty vertical_id as "any vertical" (docs/compat.md, "CAKE ReturnLead").
 */
export function readReturnLeadParams(p: Readonly<Record<string, string>>): ParamCheck {
  const leadId = (p.lead_id ?? '').trim()
  if (!leadId) return { ok: false, message: 'Missing parameter: lead_id' }
  const returnType = (p.return_type ?? '').trim().toLowerCase()
  if (!(RETURN_TYPES as readonly string[]).includes(returnType)) {
    return { ok: false, message: `Invalid return_type; use one of ${RETURN_TYPES.join(', ')}` }
  }
  const ints: Record<string, number | null> = {}
  for (const name of ['vertical_id', 'buyer_contract_id', 'return_reason_id', 'denied_reason_id']) {
    const raw = (p[name] ?? '').trim()
    if (raw === '') ints[name] = null
    else if (/^\d{1,9}$/.test(raw)) ints[name] = Number(raw)
    else return { ok: false, message: `Invalid ${name}: "${raw}" is not an integer` }
  }
  if (ints.return_reason_id === null) return { ok: false, message: 'Missing parameter: return_reason_id' }
  if (returnType === 'reject' && ints.denied_reason_id === null) {
    return { ok: false, message: 'Missing parameter: denied_reason_id (required to reject a return)' }
  }
  return {
    ok: true,
    value: {
      leadId,
      verticalId: ints.vertical_id ?? null,
      buyerContractId: ints.buyer_contract_id ?? null,
      returnType: returnType as ReturnType,
      returnReasonId: ints.return_reason_id,
      deniedReasonId: ints.denied_reason_id ?? null,
    },
  }
}
