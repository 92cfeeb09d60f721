import type { QueueOutcome } from '../../core/intake/intake-command.js'
import { responseTypeName } from './response-type.js'
import { el, xmlDocument } from './xml-document.js'

/**
 * LeadQueueResponse (seed 003, "Async Response"); StatusURL is the queuestatus address. A refusal's
 * details start with its ResponseType name.
 */
export function queueResponseJson(outcome: QueueOutcome, publicUrl: string) {
  return {
    QueueSuccessful: outcome.queued,
    PostID: outcome.postId,
    ResponseDetails: outcome.reason
      ? `${responseTypeName(outcome.reason)}: ${outcome.detail}`
      : outcome.detail,
    StatusURL: outcome.queued ? `${publicUrl}/information/queuestatus/${outcome.postId}` : '',
  }
}

export function encodeQueueResponses(
  outcomes: readonly QueueOutcome[],
  publicUrl: string,
  format: 'json' | 'xml',
  asArray: boolean,
): string {
  const bodies = outcomes.map((o) => queueResponseJson(o, publicUrl))
  if (format === 'json') return JSON.stringify(asArray ? bodies : bodies[0])
  const elements = bodies.map((b) =>
    el(
      'LeadQueueResponse',
      Object.entries(b).map(([k, v]) => el(k, v)),
    ),
  )
  // XML answers one lead with its bare element, as every XML example in seed 003 does (the JSON-body
  // examples answer JSON with an array but XML with a single element); only several leads need a list.
  return xmlDocument(elements.length > 1 ? el('ArrayOfLeadQueueResponse', elements) : elements[0]!)
}
