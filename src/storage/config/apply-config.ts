import type { Kysely } from 'kysely'
import type { AuditContext } from '../../core/accounts/caller.js'
import type { ConfigFileSpec, ParsedConfigFile } from '../../core/config/config-file.js'
import { configFileError } from '../../core/config/config-file.js'
import type { Path } from '../../core/config/problems.js'
import { LeadflowError } from '../../core/errors.js'
import type { Database } from '../schema.js'
import type { Sealer } from '../secret-seal.js'
import { auditApplied } from './audited-config.js'
import { findBuyerByName, saveBuyer } from './buyer-store.js'
import { findCampaign, saveCampaign } from './campaign-store.js'
import { findContractByName, saveContract } from './contract-store.js'
import { findLeadType, saveLeadType } from './lead-type-store.js'
import type { SaveOutcome } from './save-outcome.js'
import { findSource, saveSource } from './source-store.js'

export type Counts = Record<SaveOutcome, number>
export type ConfigKind = 'lead_types' | 'sources' | 'campaigns' | 'buyers' | 'contracts'

export interface ApplySummary extends Counts {
  by_kind: Record<ConfigKind, Counts>
}

function emptySummary(): ApplySummary {
  const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0 })
  return {
    ...zero(),
    by_kind: { lead_types: zero(), sources: zero(), campaigns: zero(), buyers: zero(), contracts: zero() },
  }
}

/**
 * Applies a parsed leadflow.yaml with the same save functions as the native API, all in one
 * transaction: a failure anywhere (an unknown lid, a name taken) leaves the database as it was.
 * Objects are matched by natural key (lid, vid, aid, buyer name, contract name per buyer), so a
 * second apply of the same file reports everything unchanged. Objects absent from the file are
 * left alone: the file declares what must exist, not everything that may.
 */
export async function applyConfig(
  db: Kysely<Database>,
  parsed: ParsedConfigFile,
  now: Date,
  sealer: Sealer,
  audit: AuditContext,
): Promise<ApplySummary> {
  const summary = emptySummary()
  const count = (kind: ConfigKind, outcome: SaveOutcome) => {
    summary[outcome]++
    summary.by_kind[kind][outcome]++
  }
  await db.transaction().execute(async (trx) => {
    const spec: ConfigFileSpec = parsed.spec
    for (const { at, spec: type } of spec.lead_types) {
      const before = await findLeadType(trx, type.lid)
      const saved = await located(parsed, at, () => saveLeadType(trx, type, now))
      await auditApplied(trx, audit, 'lead_type', type.lid, before, saved, now)
      count('lead_types', saved.outcome)
    }
    for (const source of spec.sources) {
      const before = await findSource(trx, source.spec.vid)
      const saved = await located(parsed, source.at, () => saveSource(trx, source.spec, now))
      await auditApplied(trx, audit, 'source', source.spec.vid, before, saved, now)
      count('sources', saved.outcome)
      for (const { at, spec: campaign } of source.campaigns) {
        const was = await findCampaign(trx, campaign.aid)
        const done = await located(parsed, at, () => saveCampaign(trx, campaign, now))
        await auditApplied(trx, audit, 'campaign', campaign.aid, was, done, now)
        count('campaigns', done.outcome)
      }
    }
    for (const buyer of spec.buyers) {
      const existing = await findBuyerByName(trx, buyer.spec.name)
      const saved = await located(parsed, buyer.at, () => saveBuyer(trx, existing?.id, buyer.spec, now))
      await auditApplied(trx, audit, 'buyer', saved.record.id, existing, saved, now)
      count('buyers', saved.outcome)
      for (const { at, spec: contract } of buyer.contracts) {
        const stored = await findContractByName(trx, saved.record.id, contract.name)
        const done = await located(parsed, at, () =>
          saveContract(trx, saved.record.id, stored?.id, contract, now, sealer),
        )
        await auditApplied(trx, audit, 'contract', done.record.id, stored, done, now)
        count('contracts', done.outcome)
      }
    }
  })
  return summary
}

/** Runs one save; a refusal (unknown reference, conflict) is re-thrown naming the file line. */
async function located<T>(parsed: ParsedConfigFile, at: Path, save: () => Promise<T>): Promise<T> {
  try {
    return await save()
  } catch (error) {
    if (!(error instanceof LeadflowError)) throw error
    const details = Array.isArray(error.details) ? (error.details as { path: string; message: string }[]) : []
    const problems = details.length
      ? details.map((d) => parsed.describe([...at, ...d.path.split('.').filter(Boolean)], d.message))
      : [parsed.describe(at, error.message)]
    throw configFileError(problems)
  }
}
