import type { CampaignSettings } from './campaign-settings.js'

/**
 * The storage port of the call queue (implemented by src/storage/call-queue-store.ts). Methods that
 * must hold under concurrency say how in their implementation; the rules that combine them live in
 * this folder.
 */
export type CallStatus = 'scheduled' | 'in_progress' | 'done' | 'cancelled'

export interface DiallerCampaign {
  id: number
  type: string
  subtype: string
  name: string
  settings: CampaignSettings
  createdAt: string
}

export interface CallContact {
  email: string | null
  firstName: string | null
  surname: string | null
  /** E.164 */
  mobile: string
  otherPhone: string | null
  data: Record<string, unknown> | null
}

export interface QueuedCall extends CallContact {
  id: number
  campaignId: number
  contactKey: string
  leadId: number | null
  status: CallStatus
  dueAt: string
  attempts: number
  claimedBy: string | null
  claimedAt: string | null
  lastResult: string | null
  createdAt: string
  updatedAt: string
}

export interface NewCall extends CallContact {
  campaignId: number
  contactKey: string
  leadId: number | null
  dueAt: Date
}

/** A lead received through the dialler API, saved whether or not it becomes a call. */
export interface SubmittedLead {
  raw: unknown
  fields: Record<string, unknown>
}

export interface DiallerEventRecord {
  leadId: number | null
  step: string
  outcome: string
  reason: string | null
  data: unknown
}

export interface CallQueueStore {
  /** Runs `work` in one database transaction (or inside the caller's, when already in one). */
  inTransaction<T>(work: (store: CallQueueStore) => Promise<T>): Promise<T>
  findCampaign(type: string, subtype: string): Promise<DiallerCampaign | undefined>
  findCampaignsOfType(type: string): Promise<DiallerCampaign[]>
  getCampaign(id: number): Promise<DiallerCampaign | undefined>
  saveSubmittedLead(lead: SubmittedLead, now: Date): Promise<number>
  markSubmittedLead(leadId: number, processed: boolean, reason: string | null, now: Date): Promise<void>
  /** False when the contact was already known to the campaign. */
  insertContact(campaignId: number, contactKey: string, now: Date): Promise<boolean>
  /** The new call's id, or undefined when the contact already has a live call in the campaign. */
  insertCall(call: NewCall, now: Date): Promise<number | undefined>
  hasLiveCall(campaignId: number, contactKey: string): Promise<boolean>
  /** Cancels the contact's scheduled (not yet handed out) calls; returns how many. */
  cancelScheduledCalls(campaignIds: number[], contactKey: string, now: Date): Promise<number>
  deleteContacts(campaignIds: number[], contactKey: string): Promise<void>
  /** True when a call for the contact was handed out or finished. */
  hasProcessedCall(campaignIds: number[], contactKey: string): Promise<boolean>
  /** Atomically hands the next due call to `diallerId` (two diallers never get the same call). */
  takeNextCall(campaign: DiallerCampaign, diallerId: string, now: Date): Promise<QueuedCall | undefined>
  getCall(id: number): Promise<QueuedCall | undefined>
  /** Moves an in-progress call on (result null keeps the last one); undefined when not in progress. */
  finishCall(
    id: number,
    next: { status: 'scheduled' | 'done'; dueAt: Date | null; result: string | null; attemptsDelta: number },
    now: Date,
  ): Promise<QueuedCall | undefined>
  recordEvent(event: DiallerEventRecord, now: Date): Promise<void>
}
