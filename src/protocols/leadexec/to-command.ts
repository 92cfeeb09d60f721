import type { IntakeCommand, SourceCredentials } from '../../core/intake/intake-command.js'
import { intentOf, type LeadExecMode } from './leadexec-mode.js'
import type { LeadExecLead, LeadExecRequest } from './leadexec-request.js'
import type { ResponseFormat } from './response-format.js'

export interface RequestContext {
  mode: LeadExecMode
  format: ResponseFormat
  token: string | undefined
  ip: string
}

/** One decoded lead → the neutral intake command. A lead's own property beats the request's. */
export function toCommand(request: LeadExecRequest, lead: LeadExecLead, ctx: RequestContext): IntakeCommand {
  const p = request.params
  const prop = (name: string) => lead.properties[name] ?? p[name]
  return {
    credentials: credentialsOf(p, ctx.token, ctx.ip),
    leadTypeId: p.lid,
    intent: intentOf(ctx.mode),
    fields: lead.fields,
    reference: prop('reference'),
    noSell: truthy(prop('nosell')),
    test: truthy(prop('leadflow_test')) || undefined,
    sendDelayHours: p.senddelay ? Number(p.senddelay) : undefined,
    returnUrl: p.returnurl,
    orderId: prop('orderid'),
    call:
      ctx.mode === 'calldata'
        ? {
            ivrNumber: prop('ivrnumber'),
            callDuration: prop('callduration'),
            callResult: prop('callresult'),
            callDate: prop('calldate'),
          }
        : undefined,
    ip: ctx.ip,
    meta: { protocol: 'leadexec', format: ctx.format },
  }
}

/** LeadExec's `vid` (lead source) and `aid` (its campaign) are the source's and campaign's ids. */
export function credentialsOf(
  p: Record<string, string | undefined>,
  token: string | undefined,
  clientIp: string,
): SourceCredentials {
  return { sourceId: p.vid, campaignId: p.aid, password: p.password, token, clientIp }
}

export function truthy(value: string | undefined): boolean {
  return ['true', '1', 'yes', 'on'].includes((value ?? '').trim().toLowerCase())
}

/**
 * Parameter checks that belong to the encoding rather than to intake: sendDelay must be a
 * number of hours and returnurl an absolute http(s) URL. Returns a message or undefined.
 */
export function checkParams(request: LeadExecRequest): string | undefined {
  const { senddelay, returnurl } = request.params
  if (senddelay && !(Number.isFinite(Number(senddelay)) && Number(senddelay) >= 0)) {
    return 'sendDelay must be a number of hours (0 or more)'
  }
  if (returnurl && !/^https?:\/\/[^\s/]+/i.test(returnurl)) return 'returnurl must be an absolute http(s) URL'
  return undefined
}
