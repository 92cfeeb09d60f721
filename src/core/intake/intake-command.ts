import type { SendResult } from '../distribution/distributor.js'
import type { ResponseTypeName } from './response-type.js'

/** Which intake endpoint took the post (seed 003: general, redirect, returnsends, transfer, calldata). */
export type IntakeMode =
  | 'general'
  | 'manualredirect'
  | 'autoredirect'
  | 'returnsends'
  | 'transfer'
  | 'calldata'

/** Raw source credentials as posted; intake validates them (strings, because posts are untyped). */
export interface SourceCredentials {
  vid?: string
  aid?: string
  password?: string
  /** `Authorization: Bearer …` */
  token?: string
}

/** Call details of a call lead (seed 003, "Create Call Lead"); calldate is Pacific time. */
export interface CallDetails {
  ivrNumber?: string
  callDuration?: string
  callResult?: string
  callDate?: string
}

/** A protocol-neutral request to take in one lead. */
export interface IntakeCommand {
  credentials: SourceCredentials
  lid?: string
  mode: IntakeMode
  fields: Record<string, string>
  reference?: string
  noSell?: boolean
  /** Hours to wait before distributing (JSON `source.sendDelay`). */
  sendDelayHours?: number
  returnUrl?: string
  orderId?: string
  call?: CallDetails
  ip?: string
  /** Adapter notes kept with the lead (e.g. the response format a callback must use). */
  meta?: Record<string, string>
}

/** The neutral result of one intake; adapters render it (LeadExec PostResponse, …). */
export interface IntakeOutcome {
  postId: string
  /** 0 when nothing was accepted. */
  leadId: number
  isValid: boolean
  responseType: ResponseTypeName
  detail: string
  /** LeadExec VendorAccountAssigned (campaign aid), 0 when none. */
  campaignAid: number
  pendingQc: boolean
  /** What the source earns for this lead, cents. */
  priceCents: number
  redirectUrl: string
  sends: SendResult[]
  receivedAt: string
  /** False when nothing was stored (missing ids, unknown account): no status URL to offer. */
  stored: boolean
}

/** The answer to an async post: stored and queued, or refused before queueing. */
export interface QueueOutcome {
  queued: boolean
  postId: string
  detail: string
}
