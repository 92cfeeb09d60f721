import type { KeyChecker } from '../core/credentials/key-checker.js'
import type {
  CallQueueStore,
  CallStatus,
  DiallerCampaign,
  QueuedCall,
} from '../core/dialler/call-queue-store.js'
import type { CampaignSettings } from '../core/dialler/campaign-settings.js'
import type { DistributionEngine } from '../core/distribution/create-distributor.js'
import { createQcReview, type QcReview } from '../core/distribution/qc-review.js'
import { type ContractSwitches, createContractSwitches } from '../core/distribution/resume-contract.js'
import type { FeedbackDeps } from '../core/feedback/buyer-feedback.js'
import type { Reason, ReturnStatus } from '../core/feedback/feedback-store.js'
import type { LeadStatusView } from '../core/intake/lead-status.js'
import type { Clock } from '../core/ports.js'
import { createSuppressionLists, type SuppressionLists } from '../core/suppression/suppression-lists.js'
import { createCallQueueStore } from '../storage/call-queue-store.js'
import { createContractSwitchStore } from '../storage/contract-health.js'
import { checkCredential } from '../storage/credential-store.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import {
  createDiallerCampaign,
  listCalls,
  listDiallerCampaigns,
  updateDiallerCampaign,
} from '../storage/dialler-admin-store.js'
import { createFeedbackStore } from '../storage/feedback-store.js'
import { findLeadStatus } from '../storage/lead-status-store.js'
import { createQcReviewStore } from '../storage/qc-review-store.js'
import { listReasons } from '../storage/reason-store.js'
import { listReplacements, type ReplacementView } from '../storage/replacement-queue.js'
import { conversionReport, getReturn, listReturns, type ReturnListFilter } from '../storage/return-queue.js'
import { listSandboxInbox, type SandboxRequest, storeSandboxRequest } from '../storage/sandbox-inbox-store.js'
import { createSuppressionStore } from '../storage/suppression-store.js'

type ReturnRow = NonNullable<Awaited<ReturnType<typeof getReturn>>>
/** A return as the native API shows it; `status` is one of the return statuses. */
export type ReturnView = Omit<ReturnRow, 'status'> & { status: ReturnStatus }
type ConversionRow = Awaited<ReturnType<typeof conversionReport>>[number]
type SandboxInboxItem = Awaited<ReturnType<typeof listSandboxInbox>>[number]

/** The return queue's reads (its decisions are core/feedback use-cases over `feedback`). */
export interface ReturnQueries {
  list(filter: ReturnListFilter): Promise<ReturnView[]>
  get(id: number): Promise<ReturnView | undefined>
  conversions(by: 'source' | 'buyer', since: string, until: string): Promise<ConversionRow[]>
  /** Replacements owed to buyers (approved replace returns not yet fulfilled) or fulfilled. */
  replacements(filter: { state?: 'owed' | 'fulfilled'; limit: number }): Promise<ReplacementView[]>
}

/** Dialler campaigns and the call queue as the admin API sees them (docs/dialler.md). */
export interface DiallerAdmin {
  listCampaigns(): Promise<DiallerCampaign[]>
  /** Undefined when the type + subtype pair exists already. */
  createCampaign(c: {
    type: string
    subtype: string
    name: string
    settings: CampaignSettings
  }): Promise<DiallerCampaign | undefined>
  updateCampaign(
    id: number,
    c: { name?: string; settings?: CampaignSettings },
  ): Promise<DiallerCampaign | undefined>
  listCalls(f: {
    campaignId?: number
    status?: CallStatus
    contact?: string
    dueBefore?: string
    limit: number
    offset: number
  }): Promise<QueuedCall[]>
}

export interface SandboxInbox {
  record(r: Omit<SandboxRequest, 'at'>): Promise<void>
  list(sandbox: string, limit: number): Promise<SandboxInboxItem[]>
}

/**
 * The operating layer's services: admin switches, QC review, suppression lists, returns and
 * feedback, the dialler call queue, the sandbox buyers and the LeadExec status reads. Built once
 * by createOperationsServices; HTTP plugins receive only the ones they use.
 */
export interface OperationsServices {
  /** API keys of every owner kind (admin, buyer, dialler, cake). */
  readonly keys: KeyChecker
  readonly qc: QcReview
  readonly contracts: ContractSwitches
  readonly suppression: SuppressionLists
  /** Returns, conversions and credits (core/feedback use-cases take these deps). */
  readonly feedback: FeedbackDeps
  readonly returns: ReturnQueries
  /** Active reasons of a kind, for CAKE's reason lists. */
  readonly reasons: { active(kind: 'return' | 'reject'): Promise<Reason[]> }
  /** The call queue port (core/dialler use-cases take it with the clock). */
  readonly callQueue: CallQueueStore
  readonly dialler: DiallerAdmin
  readonly sandbox: SandboxInbox
  readonly leadStatus: { find(postId: string): Promise<LeadStatusView | undefined> }
}

export function createOperationsServices(
  storage: StorageDialect,
  clock: Clock,
  distribution: DistributionEngine,
): OperationsServices {
  const { db } = storage
  return {
    keys: {
      check: (ownerKind, secret, clientIp) => checkCredential(db, ownerKind, secret, clock.now(), clientIp),
    },
    qc: createQcReview({ store: createQcReviewStore(db), distributor: distribution, clock }),
    contracts: createContractSwitches({ store: createContractSwitchStore(db), clock }),
    suppression: createSuppressionLists({ store: createSuppressionStore(db), clock }),
    feedback: { store: createFeedbackStore(db, clock), clock },
    returns: {
      list: async (filter) => (await listReturns(db, filter)) as ReturnView[],
      get: async (id) => (await getReturn(db, id)) as ReturnView | undefined,
      conversions: (by, since, until) => conversionReport(db, by, since, until),
      replacements: (filter) => listReplacements(db, filter),
    },
    reasons: { active: (kind) => listReasons(db, { kind, activeOnly: true }) },
    callQueue: createCallQueueStore(storage),
    dialler: {
      listCampaigns: () => listDiallerCampaigns(db),
      createCampaign: (c) => createDiallerCampaign(db, c, clock.now()),
      updateCampaign: (id, c) => updateDiallerCampaign(db, id, c),
      listCalls: (f) => listCalls(db, f),
    },
    sandbox: {
      record: (r) => storeSandboxRequest(db, { ...r, at: clock.now() }),
      list: (sandbox, limit) => listSandboxInbox(db, sandbox, limit),
    },
    leadStatus: { find: (postId) => findLeadStatus(db, postId) },
  }
}
