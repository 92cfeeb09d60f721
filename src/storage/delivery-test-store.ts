import type { Kysely } from 'kysely'
import type { DeliveryTestStore } from '../core/distribution/test-delivery.js'
import { parseJson } from './contract-rows.js'
import type { Database } from './schema.js'

/**
 * What "send a test lead" reads (src/core/distribution/test-delivery.ts): a contract with its
 * delivery settings as stored (credentials still sealed; the deliverer opens them for the one
 * request) and a lead type's fields. Reads only: a test writes nothing.
 */
export function createDeliveryTestStore(db: Kysely<Database>): DeliveryTestStore {
  return {
    async contract(id) {
      const row = await db
        .selectFrom('contracts')
        .innerJoin('buyers', 'buyers.id', 'contracts.buyer_id')
        .innerJoin('lead_types', 'lead_types.id', 'contracts.lead_type_id')
        .select([
          'contracts.id',
          'contracts.buyer_id',
          'buyers.name as buyer_name',
          'lead_types.lid',
          'contracts.lead_type_id',
          'contracts.name',
          'contracts.price_cents',
          'contracts.delivery_json',
        ])
        .where('contracts.id', '=', id)
        .executeTakeFirst()
      return (
        row && {
          id: row.id,
          buyerId: row.buyer_id,
          buyerName: row.buyer_name,
          lid: row.lid,
          leadTypeId: row.lead_type_id,
          name: row.name,
          priceCents: Number(row.price_cents),
          delivery: parseJson<Record<string, unknown>>(row.delivery_json, {}),
        }
      )
    },
    async leadTypeFields(lid) {
      const row = await db
        .selectFrom('lead_types')
        .select(['id', 'fields_json'])
        .where('lid', '=', lid)
        .executeTakeFirst()
      return row && { id: row.id, fields: parseJson(row.fields_json, []) }
    },
  }
}
