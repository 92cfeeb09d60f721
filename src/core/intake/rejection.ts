import type { ResponseTypeName } from './response-type.js'

/** A refusal with the ResponseType it is reported as and a message naming the cause. */
export interface Rejection {
  ok: false
  responseType: ResponseTypeName
  detail: string
}

export function reject(responseType: ResponseTypeName, detail: string): Rejection {
  return { ok: false, responseType, detail }
}

/** Parses a posted id (vid, lid, aid): a positive whole number, or undefined. */
export function toId(value: string | undefined): number | undefined {
  const text = (value ?? '').trim()
  if (!/^\d{1,9}$/.test(text)) return undefined
  const n = Number(text)
  return n > 0 ? n : undefined
}

export function isBlank(value: string | undefined): boolean {
  return (value ?? '').trim() === ''
}
