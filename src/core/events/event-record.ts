import { newEventId } from './event-id.js'

/**
 * One step of a lead's history, as the core hands it to storage (src/storage/event-store.ts).
 * Kinds: intake | filter | ping | post | sale | distribution | qc | contract | … (schema.ts).
 */
export interface EventRecord {
  id: string
  leadId: number | null
  kind: string
  step: string
  contractId?: number | null
  buyerId?: number | null
  sourceId?: number | null
  outcome: string
  reason?: string | null
  startedAt: Date
  finishedAt?: Date | null
  durationMs?: number | null
  request?: unknown
  response?: unknown
  data?: unknown
}

/** An event that happened at one instant (a decision rather than a call). */
export function instantEvent(
  fields: Omit<EventRecord, 'id' | 'startedAt' | 'finishedAt' | 'durationMs'> & { at: Date; id?: string },
): EventRecord {
  const { at, id, ...rest } = fields
  return { ...rest, id: id ?? newEventId(), startedAt: at, finishedAt: at, durationMs: 0 }
}
