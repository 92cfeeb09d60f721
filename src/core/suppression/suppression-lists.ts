import type { AuditChange } from '../accounts/account-stores.js'
import type { AuditContext } from '../accounts/caller.js'
import { LeadflowError } from '../errors.js'
import { normalizeSuppressionValue } from '../intake/normalize-suppression-value.js'
import type { SuppressionKind } from '../intake/suppression-candidates.js'
import type { Clock } from '../ports.js'

export interface SuppressionListView {
  id: number
  name: string
  kind: string
  lid: number | null
  entries: number
  createdAt: string
}

export interface NewSuppressionList {
  name: string
  kind: SuppressionKind
  lid?: number | null
}

/**
 * Suppression lists and their entries. `create` answers `name_taken` from the unique name index
 * (not a check first), so concurrent creates of one name give one list; `remove` deletes a list
 * with its entries in one transaction. Every write commits with its audit row
 * (`suppression_list.create`, `.delete`, `.entries_add`, `.entries_remove`); entry rows record
 * counts only, never the values (they are consumers' emails and phones).
 */
export interface SuppressionStore {
  list(id?: number): Promise<SuppressionListView[]>
  create(
    list: NewSuppressionList,
    change: AuditChange,
    now: Date,
  ): Promise<{ ok: true; id: number } | { ok: false; reason: 'name_taken' | 'unknown_lid' }>
  remove(id: number, change: AuditChange, now: Date): Promise<boolean>
  addEntries(listId: number, values: readonly string[], change: AuditChange, now: Date): Promise<number>
  removeEntries(listId: number, values: readonly string[], change: AuditChange, now: Date): Promise<number>
}

export interface SuppressionLists {
  list(): Promise<SuppressionListView[]>
  get(id: number): Promise<SuppressionListView>
  create(list: NewSuppressionList, audit: AuditContext): Promise<SuppressionListView>
  remove(id: number, audit: AuditContext): Promise<void>
  addEntries(
    id: number,
    values: readonly string[],
    audit: AuditContext,
  ): Promise<{ added: number; alreadyListed: number; invalid: string[] }>
  removeEntries(
    id: number,
    values: readonly string[],
    audit: AuditContext,
  ): Promise<{ removed: number; invalid: string[] }>
}

/** The suppression-list use-cases (docs/protocols/leadexec.md, "Suppression lists"). */
export function createSuppressionLists(deps: { store: SuppressionStore; clock: Clock }): SuppressionLists {
  const { store, clock } = deps
  const get = async (id: number) => {
    const [list] = await store.list(id)
    if (!list) throw new LeadflowError('LF_NOT_FOUND', `No suppression list ${id}`)
    return list
  }
  return {
    list: () => store.list(),
    get,
    async create(list, audit) {
      const created = await store.create(list, { audit, action: 'suppression_list.create' }, clock.now())
      if (created.ok) return get(created.id)
      if (created.reason === 'unknown_lid')
        throw new LeadflowError('LF_VALIDATION', `Lead type lid ${list.lid} does not exist`)
      throw new LeadflowError('LF_CONFLICT', `A suppression list named "${list.name}" exists`)
    },
    async remove(id, audit) {
      if (!(await store.remove(id, { audit, action: 'suppression_list.delete' }, clock.now())))
        throw new LeadflowError('LF_NOT_FOUND', `No suppression list ${id}`)
    },
    async addEntries(id, values, audit) {
      const list = await get(id)
      const { valid, invalid } = normalizeAll(list.kind as SuppressionKind, values, clock.now())
      const change = { audit, action: 'suppression_list.entries_add' }
      const added = await store.addEntries(list.id, valid, change, clock.now())
      return { added, alreadyListed: new Set(valid).size - added, invalid }
    },
    async removeEntries(id, values, audit) {
      const list = await get(id)
      const { valid, invalid } = normalizeAll(list.kind as SuppressionKind, values, clock.now())
      const change = { audit, action: 'suppression_list.entries_remove' }
      return { removed: await store.removeEntries(list.id, valid, change, clock.now()), invalid }
    },
  }
}

/**
 * Stored values are normalized by the same field parsers intake uses; a CSV header line
 * ("email") is not a valid value and lands in `invalid`, which is harmless.
 */
function normalizeAll(kind: SuppressionKind, values: readonly string[], now: Date) {
  const valid: string[] = []
  const invalid: string[] = []
  for (const value of values) {
    const normal = normalizeSuppressionValue(kind, value, now)
    if (normal) valid.push(normal)
    else invalid.push(value)
  }
  return { valid, invalid }
}
