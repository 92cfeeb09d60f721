import type { Mailer } from '../accounts/mailer.js'
import type { FieldValue } from '../distribution/lead-view.js'
import type { DeliverySettings } from './delivery-settings.js'
import type { RecordedDelivery } from './send-delivery.js'
import { unansweredAttempt } from './send-delivery.js'
import { type DeliveryVars, renderTemplate } from './template.js'

export const DEFAULT_EMAIL_SUBJECT = 'New lead {{lead_id}}'

/** The email one lead becomes: `subject` templated like a post body, then one `field: value` line each. */
export function leadEmail(
  delivery: DeliverySettings,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
): { to: string; subject: string; text: string } {
  const names = delivery.fields ?? Object.keys(fields)
  const lines = names.map((name) => {
    const v = fields[name]?.normal ?? fields[name]?.raw
    return `${name}: ${v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)}`
  })
  const subject = renderTemplate(delivery.subject ?? DEFAULT_EMAIL_SUBJECT, fields, vars).replace(
    /[\r\n]+/g,
    ' ',
  )
  const text = [
    `Lead ${vars.lead_id} (event ${vars.event_id}, price $${vars.price})`,
    '',
    ...lines,
    '',
    `Reply with feedback quoting event ${vars.event_id}.`,
  ].join('\n')
  return { to: (delivery.to ?? []).join(', '), subject, text }
}

/**
 * Email delivery (`delivery.kind: 'email'`, docs/webhooks.md "Email delivery"): the lead is sold
 * only when the SMTP server accepted the message for every recipient; anything else is an `error`
 * outcome, counted toward the auto-pause and retried on the contract's retry schedule like an
 * HTTP error. Recorded as the post event with an `SMTP` request (recipients, subject, body).
 */
export async function sendLeadEmail(
  mailer: Mailer | undefined,
  delivery: DeliverySettings,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
): Promise<RecordedDelivery> {
  const message = leadEmail(delivery, fields, vars)
  const request = {
    method: 'SMTP',
    url: `mailto:${message.to}`,
    headers: { subject: message.subject },
    body: message.text,
  }
  if (!mailer) return { ...unansweredAttempt('error', 'email delivery needs LEADFLOW_SMTP_URL', 0), request }
  const started = Date.now()
  try {
    const answer = await mailer.send(message)
    const response = answer ? { status: 250, headers: {}, body: answer.response } : null
    return { ...unansweredAttempt('accepted', '', Date.now() - started), request, response }
  } catch (error) {
    const reason = `SMTP: ${(error as Error).message}`.slice(0, 500)
    return { ...unansweredAttempt('error', reason, Date.now() - started), request }
  }
}
