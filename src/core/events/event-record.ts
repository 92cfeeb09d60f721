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

type InstantFields = Omit<EventRecord, 'id' | 'startedAt' | 'finishedAt' | 'durationMs'> & {
  at: Date
  id?: string
}

/**
 * An event that happened at one instant (a decision rather than a call): `fields` without `at`
 * and `id`, then the id and the times. Copied key by key rather than with an object rest
 * (`const { at, id, ...rest } = fields`), which V8 runs on its slow path: 0.85 % of a sync post's
 * CPU for this one object (docs/performance.md).
 */
export function instantEvent(fields: InstantFields): EventRecord {
  const event: Record<string, unknown> = {}
  for (const key in fields) {
    if (key !== 'at' && key !== 'id' && Object.hasOwn(fields, key))
      event[key] = fields[key as keyof InstantFields]
  }
  event.id = fields.id ?? newEventId()
  event.startedAt = fields.at
  event.finishedAt = fields.at
  event.durationMs = 0
  return event as unknown as EventRecord
}
