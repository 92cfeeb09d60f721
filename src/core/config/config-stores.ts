import type { AuditChange } from '../accounts/account-stores.js'
import type {
  BuyerRecord,
  CampaignRecord,
  ContractRecord,
  CredentialCheck,
  CredentialFilter,
  CredentialRecord,
  LeadTypeRecord,
  NewCredential,
  OwnerKind,
  Saved,
  SourceRecord,
} from './config-records.js'
import type { BuyerSpec, ContractSpec } from './validate-buyer.js'
import type { CredentialSpec } from './validate-credential.js'
import type { LeadTypeSpec } from './validate-lead-type.js'
import type { CampaignSpec, SourceSpec } from './validate-source.js'

/**
 * Storage ports of the configuration use-cases (src/storage/config/* implements them).
 * `create` inserts and lets the unique constraint refuse a taken natural key (409 LF_CONFLICT),
 * so two racing creates give one 201 and one 409, never an overwrite or a 500. `remove` runs its
 * in-use check and its deletes in one transaction. A reference that names nothing (a vid, a lid)
 * is 400 LF_VALIDATION naming the field.
 */
export interface SourceStore {
  list(): Promise<SourceRecord[]>
  find(vid: number): Promise<SourceRecord | undefined>
  create(spec: SourceSpec, now: Date, change: AuditChange): Promise<SourceRecord>
  save(spec: SourceSpec, now: Date, change: AuditChange): Promise<Saved<SourceRecord>>
  /** False when no such source; LF_CONFLICT while leads point at it. */
  remove(vid: number, change: AuditChange, now: Date): Promise<boolean>
}

export interface CampaignStore {
  list(vid?: number): Promise<CampaignRecord[]>
  find(aid: number): Promise<CampaignRecord | undefined>
  create(spec: CampaignSpec, now: Date, change: AuditChange): Promise<CampaignRecord>
  save(spec: CampaignSpec, now: Date, change: AuditChange): Promise<Saved<CampaignRecord>>
  remove(aid: number, change: AuditChange, now: Date): Promise<boolean>
}

export interface LeadTypeStore {
  list(): Promise<LeadTypeRecord[]>
  find(lid: number): Promise<LeadTypeRecord | undefined>
  create(spec: LeadTypeSpec, now: Date, change: AuditChange): Promise<LeadTypeRecord>
  save(spec: LeadTypeSpec, now: Date, change: AuditChange): Promise<Saved<LeadTypeRecord>>
  remove(lid: number, change: AuditChange, now: Date): Promise<boolean>
}

export interface BuyerStore {
  list(): Promise<BuyerRecord[]>
  find(id: number): Promise<BuyerRecord | undefined>
  create(spec: BuyerSpec, now: Date, change: AuditChange): Promise<BuyerRecord>
  update(id: number, spec: BuyerSpec, now: Date, change: AuditChange): Promise<Saved<BuyerRecord>>
  remove(id: number, change: AuditChange, now: Date): Promise<boolean>
}

export interface ContractStore {
  list(buyerId?: number): Promise<ContractRecord[]>
  find(id: number): Promise<ContractRecord | undefined>
  create(buyerId: number, spec: ContractSpec, now: Date, change: AuditChange): Promise<ContractRecord>
  update(
    buyerId: number,
    id: number,
    spec: ContractSpec,
    now: Date,
    change: AuditChange,
  ): Promise<Saved<ContractRecord>>
  remove(id: number, change: AuditChange, now: Date): Promise<boolean>
}

export interface CredentialStore {
  list(filter: CredentialFilter, now: Date): Promise<CredentialRecord[]>
  find(id: number, now: Date): Promise<CredentialRecord | undefined>
  /** LF_CONFLICT when the secret is already in use; 400 when the owner row does not exist. */
  issue(spec: CredentialSpec & { secret: string }, change: AuditChange, now: Date): Promise<CredentialRecord>
  /** Stores a credential unless its secret exists already (seeding, LEADFLOW_ADMIN_KEY). */
  plant(credential: NewCredential, now: Date): Promise<void>
  /**
   * The LEADFLOW_ADMIN_KEY credential: stores it unless its secret exists, and revokes any other
   * credential planted from that variable, in one transaction (a changed variable replaces the key).
   */
  replaceBootstrap(credential: NewCredential, now: Date): Promise<void>
  /**
   * Issues a successor with the same owner, permissions and allow-list, and shortens the old
   * one's life to `graceUntil`, in one transaction. Undefined when there is no such active credential.
   */
  rotate(
    id: number,
    secret: string,
    graceUntil: Date,
    change: AuditChange,
    now: Date,
  ): Promise<CredentialRecord | undefined>
  /** Whether any credential of the kind exists, active or not. */
  exists(ownerKind: OwnerKind): Promise<boolean>
  /** `clientIp` is checked against the credential's allowed_cidrs (outside: 'unknown'). */
  check(
    ownerKind: OwnerKind,
    secret: string,
    now: Date,
    clientIp: string | undefined,
  ): Promise<CredentialCheck>
  /** Idempotent; refuses to revoke the last active admin key. Runs in one transaction. */
  revoke(id: number, change: AuditChange, now: Date): Promise<boolean>
}
