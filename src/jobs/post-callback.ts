import type { Leadflow } from '../app/leadflow.js'
import { instantEvent } from '../core/events/event-record.js'
import { contentTypeOf, type ResponseFormat } from '../protocols/leadexec/response-format.js'
import { insertEvents } from '../storage/event-store.js'

const CALLBACK_TIMEOUT_MS = 10_000

export interface Callback {
  leadId: number | null
  sourceId: number | null
  url: string
  body: string
  format: ResponseFormat
  attempt: number
  step: string
}

/**
 * One POST of a finished async answer to its `returnurl` (seed 003: "this url will be called
 * when processing is completed with the response details"). Every attempt is an event row with
 * the exact request and answer; anything but a 2xx throws, so the worker retries with backoff.
 * The outbound client refuses private and loopback addresses unless the operator allowed them
 * (LEADFLOW_OUTBOUND_ALLOW). A repeat after a crash sends the same body again: at-least-once,
 * which every webhook receiver must handle.
 */
export async function postCallback(lf: Leadflow, cb: Callback): Promise<void> {
  const request = {
    method: 'POST',
    url: cb.url,
    headers: { 'content-type': contentTypeOf(cb.format) },
    body: cb.body,
  }
  const started = lf.clock.now()
  let failure: string | null = null
  let response: { status: number; body: string } | null = null
  try {
    const res = await lf.http.request({ ...request, timeoutMs: CALLBACK_TIMEOUT_MS })
    response = { status: res.status, body: res.body.slice(0, 4000) }
    if (res.status < 200 || res.status >= 300) failure = `returnurl answered HTTP ${res.status}`
  } catch (error) {
    failure = `returnurl could not be reached: ${(error as Error).message}`
  }
  const event = instantEvent({
    leadId: cb.leadId,
    sourceId: cb.sourceId,
    kind: 'callback',
    step: cb.step,
    outcome: failure ? 'failure' : 'success',
    reason: failure,
    request,
    response,
    data: { attempt: cb.attempt },
    at: started,
  })
  await insertEvents(lf.db, [event])
  if (failure) throw new Error(failure)
}

/** The response type an async post asked for, kept in its stored command's meta. */
export function storedFormat(meta: Record<string, string> | undefined): ResponseFormat {
  return meta?.format === 'xml' ? 'xml' : 'json'
}
