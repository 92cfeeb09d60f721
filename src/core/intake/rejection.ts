import type { IntakeReason } from './intake-reason.js'

/** A refusal with its reason code and a message naming the cause. */
export interface Rejection {
  ok: false
  reason: IntakeReason
  detail: string
}

export function reject(reason: IntakeReason, detail: string): Rejection {
  return { ok: false, reason, detail }
}

/** Parses a posted id (source, lead type, campaign): a positive whole number, or undefined. */
export function toId(value: string | undefined): number | undefined {
  const text = (value ?? '').trim()
  if (!/^\d{1,9}$/.test(text)) return undefined
  const n = Number(text)
  return n > 0 ? n : undefined
}

export function isBlank(value: string | undefined): boolean {
  return (value ?? '').trim() === ''
}
