import type { Kysely, Selectable } from 'kysely'
import type { AlertEvent, AlertRule } from '../core/webhooks/alert-rules.js'
import type { EndpointOwner } from '../core/webhooks/webhook-events.js'
import type {
  WebhookAttemptRow,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookStore,
} from '../core/webhooks/webhook-store.js'
import { insertEvents } from './event-store.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'
import type { AlertRuleTable, WebhookEndpointTable } from './webhook-schema.js'

const DELIVER = 'webhooks.deliver'

function endpointOf(row: Selectable<WebhookEndpointTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types_json) as string[],
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    buyerId: row.buyer_id,
    sourceId: row.source_id,
    consecutiveFailures: row.consecutive_failures,
    failingSince: row.failing_since,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function ownerOf(row: { buyer_id: number | null; source_id: number | null }): EndpointOwner {
  if (row.buyer_id !== null) return { kind: 'buyer', id: row.buyer_id }
  if (row.source_id !== null) return { kind: 'source', id: row.source_id }
  return { kind: 'operator' }
}

export function ruleOf(row: Selectable<AlertRuleTable>): AlertRule {
  return {
    id: row.id,
    name: row.name,
    eventType: row.event_type as AlertEvent,
    emails: JSON.parse(row.emails_json) as string[],
    webhook: row.webhook === 1,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    condition: {
      sourceId: row.source_id,
      windowMinutes: row.window_minutes,
      thresholdPercent: row.threshold_percent,
      minLeads: row.min_leads,
    },
  }
}

function responseText(response: unknown): string | null {
  if (response && typeof response === 'object' && 'body' in response)
    return String(response.body).slice(0, 4096)
  return null
}

/** The webhook and alert-rule store (core/webhooks/webhook-store.ts); each method one statement or one transaction. */
export function createWebhookStore(db: Kysely<Database>): WebhookStore {
  const endpoint = async (id: number) => {
    const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? endpointOf(row) : undefined
  }
  return {
    async listEndpoints() {
      const rows = await db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute()
      return rows.map(endpointOf)
    },
    getEndpoint: endpoint,
    async createEndpoint(input, secret, now) {
      const at = now.toISOString()
      if (input.buyerId != null) {
        const b = await db
          .selectFrom('buyers')
          .select('id')
          .where('id', '=', input.buyerId)
          .executeTakeFirst()
        if (!b) return 'unknown_owner'
      }
      if (input.sourceId != null) {
        const s = await db
          .selectFrom('sources')
          .select('id')
          .where('id', '=', input.sourceId)
          .executeTakeFirst()
        if (!s) return 'unknown_owner'
      }
      const row = await db
        .insertInto('webhook_endpoints')
        .values({
          url: input.url,
          description: input.description ?? '',
          event_types_json: JSON.stringify(input.eventTypes),
          enabled: input.enabled === false ? 0 : 1,
          buyer_id: input.buyerId ?? null,
          source_id: input.sourceId ?? null,
          secret,
          consecutive_failures: 0,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return endpointOf(row)
    },
    async updateEndpoint(id, patch, now) {
      const set: Partial<Record<keyof WebhookEndpointTable, unknown>> = { updated_at: now.toISOString() }
      if (patch.url !== undefined) set.url = patch.url
      if (patch.description !== undefined) set.description = patch.description
      if (patch.eventTypes !== undefined) set.event_types_json = JSON.stringify(patch.eventTypes)
      if (patch.enabled !== undefined) {
        set.enabled = patch.enabled ? 1 : 0
        // Turned back on by hand: a clean slate, so the old streak does not disable it at once.
        set.disabled_reason = null
        if (patch.enabled) Object.assign(set, { consecutive_failures: 0, failing_since: null })
      }
      const row = await db
        .updateTable('webhook_endpoints')
        .set(set as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
      return row ? endpointOf(row) : undefined
    },
    async rotateSecret(id, secret, previousUntil, now) {
      const result = await db
        .updateTable('webhook_endpoints')
        .set((eb) => ({
          previous_secret: eb.ref('secret'),
          previous_secret_expires_at: previousUntil.toISOString(),
          secret,
          updated_at: now.toISOString(),
        }))
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async removeEndpoint(id) {
      return db.transaction().execute(async (trx) => {
        const deliveries = trx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id)
        await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute()
        await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute()
        const result = await trx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst()
        return Number(result.numDeletedRows) === 1
      })
    },
    async deliveries(endpointId, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      if (rows.length === 0) return []
      const attempts = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where(
          'delivery_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
      return rows.map(
        (r): WebhookDelivery => ({
          id: r.id,
          endpointId: r.endpoint_id,
          messageId: r.message_id,
          eventType: r.event_type,
          status: r.status,
          attempts: r.attempts,
          body: r.body,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          log: attempts
            .filter((a) => a.delivery_id === r.id)
            .map(
              (a): WebhookAttemptRow => ({
                attempt: a.attempt,
                outcome: a.outcome,
                statusCode: a.status_code,
                reason: a.reason,
                durationMs: a.duration_ms,
                response: a.response,
                at: a.created_at,
              }),
            ),
        }),
      )
    },
    async replay(endpointId, deliveryId, now) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('webhook_deliveries')
          .set((eb) => ({ status: 'pending', replays: eb('replays', '+', 1), updated_at: now.toISOString() }))
          .where('id', '=', deliveryId)
          .where('endpoint_id', '=', endpointId)
          .returning(['id', 'replays'])
          .executeTakeFirst()
        if (!row) return false
        await enqueueJobs(
          trx,
          [
            {
              task: DELIVER,
              payload: { deliveryId },
              options: { key: `webhook:${deliveryId}:replay:${row.replays}`, maxAttempts: 8 },
            },
          ],
          now,
        )
        return true
      })
    },

    async activeEndpoints() {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .select(['id', 'event_types_json', 'buyer_id', 'source_id'])
        .where('enabled', '=', 1)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        eventTypes: JSON.parse(r.event_types_json) as string[],
        owner: ownerOf(r),
      }))
    },
    async writeFanout(event, deliveries, jobs, now) {
      const at = now.toISOString()
      await db.transaction().execute(async (trx) => {
        for (const d of deliveries) {
          const row = await trx
            .insertInto('webhook_deliveries')
            .values({
              endpoint_id: d.endpointId,
              message_id: event.id,
              event_type: d.eventType,
              body: d.body,
              status: 'pending',
              attempts: 0,
              replays: 0,
              created_at: at,
              updated_at: at,
            })
            .onConflict((oc) => oc.columns(['message_id', 'endpoint_id']).doNothing())
            .returning('id')
            .executeTakeFirst()
          if (!row) continue
          await enqueueJobs(
            trx,
            [
              {
                task: DELIVER,
                payload: { deliveryId: row.id },
                options: { key: `webhook:${row.id}`, maxAttempts: 8 },
              },
            ],
            now,
          )
        }
        await enqueueJobs(trx, jobs, now)
      })
    },
    async loadDelivery(deliveryId) {
      const row = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .select([
          'd.id',
          'd.endpoint_id',
          'd.message_id',
          'd.status',
          'd.body',
          'e.url',
          'e.enabled',
          'e.secret',
          'e.previous_secret',
          'e.previous_secret_expires_at',
        ])
        .where('d.id', '=', deliveryId)
        .executeTakeFirst()
      if (!row) return undefined
      return {
        deliveryId: row.id,
        endpointId: row.endpoint_id,
        messageId: row.message_id,
        status: row.status,
        body: row.body,
        url: row.url,
        enabled: row.enabled === 1,
        secret: row.secret,
        previousSecret: row.previous_secret,
        previousSecretExpiresAt: row.previous_secret_expires_at,
      }
    },
    async recordAttempt(record, now) {
      const at = now.toISOString()
      const { event } = record
      const ok = event.outcome === 'success'
      const data = (event.data ?? {}) as { attempt?: number; status?: number | null }
      await db.transaction().execute(async (trx) => {
        await insertEvents(trx, [event])
        await trx
          .insertInto('webhook_attempts')
          .values({
            delivery_id: record.deliveryId,
            attempt: data.attempt ?? 0,
            outcome: event.outcome,
            status_code: data.status ?? null,
            reason: event.reason ?? null,
            duration_ms: event.durationMs ?? 0,
            response: responseText(event.response),
            created_at: at,
          })
          .execute()
        await trx
          .updateTable('webhook_deliveries')
          .set((eb) => ({
            status: ok ? 'succeeded' : record.final ? 'failed' : 'pending',
            attempts: eb('attempts', '+', 1),
            updated_at: at,
          }))
          .where('id', '=', record.deliveryId)
          .execute()
        if (ok) {
          await trx
            .updateTable('webhook_endpoints')
            .set({ consecutive_failures: 0, failing_since: null })
            .where('id', '=', record.endpointId)
            .execute()
          return
        }
        const health = await trx
          .updateTable('webhook_endpoints')
          .set((eb) => ({
            consecutive_failures: eb('consecutive_failures', '+', 1),
            failing_since: eb.fn.coalesce('failing_since', eb.val(at)),
          }))
          .where('id', '=', record.endpointId)
          .returning(['consecutive_failures', 'failing_since', 'enabled'])
          .executeTakeFirst()
        if (health?.enabled !== 1) return
        const reason = record.disableAfter(
          { failures: health.consecutive_failures, failingSince: new Date(health.failing_since ?? at) },
          now,
        )
        if (reason === null) return
        await trx
          .updateTable('webhook_endpoints')
          .set({ enabled: 0, disabled_reason: reason, updated_at: at })
          .where('id', '=', record.endpointId)
          .execute()
      })
    },
    async markSkipped(deliveryId, now) {
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'skipped', updated_at: now.toISOString() })
        .where('id', '=', deliveryId)
        .where('status', '=', 'pending')
        .execute()
    },

    async listRules() {
      const rows = await db.selectFrom('alert_rules').selectAll().orderBy('id').execute()
      return rows.map(ruleOf)
    },
    async activeRules(eventType) {
      const rows = await db
        .selectFrom('alert_rules')
        .selectAll()
        .where('event_type', '=', eventType)
        .where('enabled', '=', 1)
        .execute()
      return rows.map(ruleOf)
    },
    async createRule(input, now) {
      const row = await db
        .insertInto('alert_rules')
        .values({
          name: input.name,
          event_type: input.eventType,
          emails_json: JSON.stringify(input.emails),
          webhook: input.webhook ? 1 : 0,
          enabled: input.enabled === false ? 0 : 1,
          created_at: now.toISOString(),
          source_id: input.condition?.sourceId ?? null,
          window_minutes: input.condition?.windowMinutes ?? null,
          threshold_percent: input.condition?.thresholdPercent ?? null,
          min_leads: input.condition?.minLeads ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return ruleOf(row)
    },
    async updateRule(id, input) {
      const row = await db
        .updateTable('alert_rules')
        .set({
          name: input.name,
          event_type: input.eventType,
          emails_json: JSON.stringify(input.emails),
          webhook: input.webhook ? 1 : 0,
          enabled: input.enabled === false ? 0 : 1,
          source_id: input.condition?.sourceId ?? null,
          window_minutes: input.condition?.windowMinutes ?? null,
          threshold_percent: input.condition?.thresholdPercent ?? null,
          min_leads: input.condition?.minLeads ?? null,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
      return row ? ruleOf(row) : undefined
    },
    async removeRule(id) {
      const result = await db.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
  }
}
