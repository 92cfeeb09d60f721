import type { IntakeOutcome } from '../../core/intake/intake-command.js'
import type { LeadExecMode } from './leadexec-mode.js'
import { centsToDecimal } from './price.js'
import { responseTypeCode, responseTypeName } from './response-type.js'
import { el, type XmlElement, xmlDocument } from './xml-document.js'

/** Which list follows RedirectURL (seed 003): Sends for returnsends, ClientInfos for transfer, else StatusURL. */
export type PostVariant = LeadExecMode | 'update'

/**
 * The PostResponse object in the document's property order (seed 003, "Response"). JSON gives
 * ResponseType as its number (14 of the document's 16 JSON examples do; docs/compat.md), XML
 * as its name. The StatusURL points at /information/status/<PostID> whenever the post was
 * stored, which every accepted or authenticated-but-refused post is.
 */
export function postResponseJson(outcome: IntakeOutcome, variant: PostVariant, publicUrl: string) {
  const body: Record<string, unknown> = {
    PostID: outcome.postId,
    isValidPost: outcome.isValid,
    ResponseType: responseTypeCode(outcome.reason),
    ResponseDetails: outcome.detail,
    LeadIdentifier: outcome.leadId,
    VendorAccountAssigned: outcome.campaignId,
    PendingQCReview: outcome.pendingQc,
    Price: centsToDecimal(outcome.priceCents),
    RedirectURL: outcome.redirectUrl,
  }
  if (variant === 'returnsends') body.Sends = sends(outcome)
  else if (variant === 'transfer') body.ClientInfos = clientInfos(outcome)
  else body.StatusURL = statusUrl(outcome, publicUrl)
  return body
}

export function postResponseElement(
  outcome: IntakeOutcome,
  variant: PostVariant,
  publicUrl: string,
): XmlElement {
  const children = [
    el('PostID', outcome.postId),
    el('isValidPost', outcome.isValid),
    el('ResponseType', responseTypeName(outcome.reason)),
    el('ResponseDetails', outcome.detail),
    el('LeadIdentifier', outcome.leadId),
    el('VendorAccountAssigned', outcome.campaignId),
    el('PendingQCReview', outcome.pendingQc),
    el('Price', centsToDecimal(outcome.priceCents)),
    el('RedirectURL', outcome.redirectUrl),
  ]
  if (variant === 'returnsends') {
    children.push(
      el(
        'Sends',
        sends(outcome).map((s) => el('SendInfo', objectElements(s))),
      ),
    )
  } else if (variant === 'transfer') {
    children.push(
      el(
        'ClientInfos',
        clientInfos(outcome).map((c) => el('ClientInfo', objectElements(c))),
      ),
    )
  } else children.push(el('StatusURL', statusUrl(outcome, publicUrl)))
  return el('PostResponse', children)
}

/** One outcome, or several (a request with several leads) as a JSON array / ArrayOfPostResponse. */
export function encodePostResponses(
  outcomes: readonly IntakeOutcome[],
  variant: PostVariant,
  publicUrl: string,
  format: 'json' | 'xml',
  asArray: boolean,
): string {
  if (format === 'json') {
    const bodies = outcomes.map((o) => postResponseJson(o, variant, publicUrl))
    return JSON.stringify(asArray ? bodies : bodies[0])
  }
  const elements = outcomes.map((o) => postResponseElement(o, variant, publicUrl))
  // XML answers one lead with its bare element, as every XML example in seed 003 does (the JSON-body
  // examples answer JSON with an array but XML with a single element); only several leads need a list.
  return xmlDocument(elements.length > 1 ? el('ArrayOfPostResponse', elements) : elements[0]!)
}

function statusUrl(outcome: IntakeOutcome, publicUrl: string): string {
  return outcome.stored ? `${publicUrl}/information/status/${outcome.postId}` : ''
}

function sends(outcome: IntakeOutcome) {
  return outcome.sends.map((s) => ({
    ClientUID: s.buyerId,
    ClientName: s.buyerName,
    RedirectURL: s.redirectUrl,
    Valid: s.valid,
    Price: centsToDecimal(s.priceCents),
  }))
}

/** Transfer answers list the buyers that took the lead with the agent to hand the call to. */
function clientInfos(outcome: IntakeOutcome) {
  return outcome.sends
    .filter((s) => s.valid)
    .map((s) => ({
      ClientUID: s.buyerId,
      ClientName: s.buyerName,
      AgentName: s.agentName,
      AgentPhone: s.agentPhone,
    }))
}

function objectElements(obj: Record<string, string | number | boolean>): XmlElement[] {
  return Object.entries(obj).map(([k, v]) => el(k, v))
}
