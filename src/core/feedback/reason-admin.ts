import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'

export type ReasonKind = 'return' | 'reject'

/** A return or reject reason; its id is what CAKE clients send as return_reason_id. */
export type Reason = {
  id: number
  kind: ReasonKind
  name: string
  active: boolean
  created_at: string
}

/** Port: src/storage/reason-store.ts. Names are compared case-insensitively within a kind. */
export interface ReasonStore {
  list(filter: { kind?: ReasonKind; activeOnly?: boolean }): Promise<Reason[]>
  get(id: number): Promise<Reason | undefined>
  /** Inserts unless a same-kind reason has the name; returns undefined when one has. */
  createIfAbsent(kind: ReasonKind, name: string, now: Date): Promise<Reason | undefined>
  findNamed(kind: ReasonKind, name: string): Promise<Reason | undefined>
  update(id: number, change: { name?: string; active?: boolean }): Promise<Reason | undefined>
}

/** Reasons CRUD (docs/returns.md, "Reasons"). Reasons are never deleted: returns point at them. */
export interface ReasonAdmin {
  list(filter: { kind?: ReasonKind }): Promise<Reason[]>
  get(id: number): Promise<Reason>
  create(kind: ReasonKind, name: string): Promise<Reason>
  update(id: number, change: { name?: string; active?: boolean }): Promise<Reason>
  retire(id: number): Promise<Reason>
}

export function createReasonAdmin(store: ReasonStore, clock: Clock): ReasonAdmin {
  const get = async (id: number) => shown(await store.get(id), id)
  return {
    list: (filter) => store.list(filter),
    get,
    async create(kind, name) {
      const created = await store.createIfAbsent(kind, name.trim(), clock.now())
      if (created) return created
      throw duplicate(kind, (await store.findNamed(kind, name))?.name ?? name.trim())
    },
    async update(id, change) {
      const current = await get(id)
      if (change.name !== undefined) {
        const same = await store.findNamed(current.kind, change.name)
        if (same && same.id !== id) throw duplicate(current.kind, same.name)
      }
      return shown(await store.update(id, { ...change, name: change.name?.trim() }), id)
    },
    async retire(id) {
      await get(id)
      return shown(await store.update(id, { active: false }), id)
    },
  }
}

function duplicate(kind: ReasonKind, name: string): LeadflowError {
  return new LeadflowError('LF_CONFLICT', `A ${kind} reason named "${name}" already exists`)
}

function shown(row: Reason | undefined, id: number): Reason {
  if (row === undefined) throw new LeadflowError('LF_NOT_FOUND', `No reason with id ${id}`)
  return row
}
