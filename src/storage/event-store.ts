import type { Kysely } from 'kysely'
import type { EventRecord } from '../core/events/event-record.js'
import type { Database, Event } from './schema.js'

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value))

/** Writes events in one statement (inside the caller's transaction when `db` is one). */
export async function insertEvents(db: Kysely<Database>, events: readonly EventRecord[]): Promise<void> {
  if (events.length === 0) return
  await db
    .insertInto('events')
    .values(
      events.map((e) => ({
        id: e.id,
        lead_id: e.leadId,
        kind: e.kind,
        step: e.step,
        contract_id: e.contractId ?? null,
        buyer_id: e.buyerId ?? null,
        source_id: e.sourceId ?? null,
        outcome: e.outcome,
        reason: e.reason ?? null,
        started_at: e.startedAt.toISOString(),
        finished_at: e.finishedAt ? e.finishedAt.toISOString() : null,
        duration_ms: e.durationMs ?? null,
        request_json: json(e.request),
        response_json: json(e.response),
        data_json: json(e.data),
      })),
    )
    .execute()
}

/** A lead's whole trail, oldest first (ties keep insertion order through the id-free sort on time). */
export async function listLeadEvents(db: Kysely<Database>, leadId: number): Promise<Event[]> {
  return db.selectFrom('events').selectAll().where('lead_id', '=', leadId).orderBy('started_at').execute()
}
