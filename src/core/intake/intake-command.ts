import type { SendResult } from '../distribution/distributor.js'
import type { IntakeReason } from './intake-reason.js'

/**
 * What a source hands over: a lead, or a call lead that carries call details (seed 003, "Create
 * Call Lead") which intake checks.
 */
export type IntakeKind = 'lead' | 'call'

/**
 * What the source wants back besides the verdict, which only the protocol's answer shows:
 * `status` a status address; `redirect` the buyer's redirect URL for the source to follow;
 * `auto-redirect` the consumer sent to that URL at once; `sends` every buyer offered the lead;
 * `agents` the buyers that took it with the agent to hand the caller to.
 */
export type IntakeAnswer = 'status' | 'redirect' | 'auto-redirect' | 'sends' | 'agents'

export interface IntakeIntent {
  kind: IntakeKind
  answer: IntakeAnswer
}

/**
 * Raw source credentials as posted; intake validates them (strings, because posts are untyped).
 * The ids are the public numbers sources know for their account and campaign.
 */
export interface SourceCredentials {
  sourceId?: string
  campaignId?: string
  password?: string
  /** `Authorization: Bearer …` */
  token?: string
  /** The client address the credentials came from (request.ip), checked against a token's allowed_cidrs. */
  clientIp?: string
}

/** Call details of a call lead (seed 003, "Create Call Lead"); callDate is Pacific time. */
export interface CallDetails {
  ivrNumber?: string
  callDuration?: string
  callResult?: string
  callDate?: string
}

/** A protocol-neutral request to take in one lead. */
export interface IntakeCommand {
  credentials: SourceCredentials
  /** The lead type's public number, as posted. */
  leadTypeId?: string
  intent: IntakeIntent
  fields: Record<string, string>
  reference?: string
  noSell?: boolean
  /** Marks the lead a test lead (docs/distribution.md, "Test leads"); a test source's leads always are. */
  test?: boolean
  /** Hours to wait before distributing. */
  sendDelayHours?: number
  returnUrl?: string
  orderId?: string
  call?: CallDetails
  ip?: string
  /** Adapter notes kept with the lead (e.g. the response format a callback must use). */
  meta?: Record<string, string>
}

/** The neutral result of one intake; each protocol renders it in its own shape. */
export interface IntakeOutcome {
  postId: string
  /** 0 when nothing was accepted. */
  leadId: number
  isValid: boolean
  reason: IntakeReason
  detail: string
  /** The public number of the campaign the lead was assigned to, 0 when none. */
  campaignId: number
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
  /** Why it was refused; absent when queued. */
  reason?: IntakeReason
}
