import type { AuditChange } from '../accounts/account-stores.js'
import type { AuditContext } from '../accounts/caller.js'
import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'

/** Numbers written per statement and transaction: big enough to load millions quickly, small enough to never hold a long lock. */
export const IMPORT_BATCH = 5_000

export interface ImportSummary {
  lines: number
  numbers: number
  added: number
  already_listed: number
  invalid: number
}

export interface RegistryImportStore {
  /** The list's kind, or null when there is no such list. */
  listKind(listId: number): Promise<string | null>
  /** Inserts values the list lacks (the unique (list_id, value) index skips the rest); how many were new. */
  insertBatch(listId: number, values: readonly string[], now: Date): Promise<number>
  /** One audit row for the whole import, with its counts (never the numbers). */
  recordImport(listId: number, summary: ImportSummary, change: AuditChange, now: Date): Promise<void>
}

/**
 * A line of the FTC's National Do Not Call Registry download (telemarketers' "area code" files:
 * one number a line, `2025550123` or `202,5550123`, maybe a header line) as the E.164 number a
 * phone suppression list stores, the form intake's phone parser gives (`+12025550123`).
 * Undefined for anything that is not a 10-digit NANP number.
 */
export function registryNumber(line: string): string | undefined {
  const digits = line.replace(/[\s,.\-()+"]/g, '')
  if (!/^\d+$/.test(digits)) return undefined
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? `+1${national}` : undefined
}

/**
 * Streams a registry file into a phone suppression list in batches (docs/compliance.md, "National
 * DNC registry"). Re-importing the same file adds nothing: each batch is one insert that skips
 * values already listed. Intake's suppression check then refuses those numbers like any list entry.
 */
export function createRegistryImport(deps: { store: RegistryImportStore; clock: Clock }) {
  return {
    async importLines(
      listId: number,
      lines: AsyncIterable<string>,
      audit: AuditContext,
    ): Promise<ImportSummary> {
      const kind = await deps.store.listKind(listId)
      if (kind === null) throw new LeadflowError('LF_NOT_FOUND', `No suppression list ${listId}`)
      if (kind !== 'phone')
        throw new LeadflowError(
          'LF_VALIDATION',
          `Suppression list ${listId} holds ${kind} values, not phone numbers`,
        )
      const summary: ImportSummary = { lines: 0, numbers: 0, added: 0, already_listed: 0, invalid: 0 }
      let batch: string[] = []
      const flush = async () => {
        if (batch.length === 0) return
        const unique = [...new Set(batch)]
        const added = await deps.store.insertBatch(listId, unique, deps.clock.now())
        summary.added += added
        summary.already_listed += batch.length - added
        batch = []
      }
      for await (const line of lines) {
        if (line.trim() === '') continue
        summary.lines++
        const number = registryNumber(line)
        if (!number) {
          summary.invalid++
          continue
        }
        summary.numbers++
        batch.push(number)
        if (batch.length >= IMPORT_BATCH) await flush()
      }
      await flush()
      await deps.store.recordImport(
        listId,
        summary,
        { audit, action: 'suppression_list.registry_import' },
        deps.clock.now(),
      )
      return summary
    },
  }
}

export type RegistryImport = ReturnType<typeof createRegistryImport>
