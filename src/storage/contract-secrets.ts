import type { Kysely } from 'kysely'
import { canonicalJson } from '../core/config/canonical-json.js'
import {
  mapDeliverySecrets,
  markOmittedSecrets,
  SECRET_MASK,
  secretAt,
} from '../core/delivery/delivery-secrets.js'
import { parseJson } from './contract-rows.js'
import type { Database } from './schema.js'
import type { Sealer } from './secret-seal.js'

/**
 * The delivery settings to store: every credential sealed. The mask, or a password/token left
 * out, keeps the stored sealed value; a value equal to the stored one keeps its sealed text too,
 * so `leadflow apply` of an unchanged file stays "unchanged" although each seal is randomised.
 */
export function sealDelivery<T>(incoming: T, stored: unknown, sealer: Sealer): T {
  return mapDeliverySecrets(markOmittedSecrets(incoming, stored), (value, path) => {
    const old = secretAt(stored, path)
    if (value === SECRET_MASK) return old
    if (sealer.isSealed(value)) return value === old ? old : undefined
    if (old !== undefined && sealer.isSealed(old) && sealer.open(old) === value) return old
    return sealer.seal(value)
  })
}

/** The delivery settings with credentials in plain text, for building the request only. */
export function openDelivery<T>(delivery: T, sealer: Sealer): T {
  return mapDeliverySecrets(delivery, (value) => (sealer.isSealed(value) ? sealer.open(value) : value))
}

export class SecretKeyMismatch extends Error {
  override name = 'SecretKeyMismatch'
}

/**
 * At start: seals any credential still in plain text (rows from before sealing) and proves the
 * key opens every sealed one, in one transaction. Idempotent. A key that opens nothing fails here,
 * loudly, instead of at the first delivery.
 */
export async function sealStoredSecrets(db: Kysely<Database>, sealer: Sealer): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('contracts').select(['id', 'delivery_json']).orderBy('id').execute()
    let sealed = 0
    for (const row of rows) {
      const delivery = parseJson<unknown>(row.delivery_json, {})
      let changed = false
      const next = mapDeliverySecrets(delivery, (value, path) => {
        if (!sealer.isSealed(value)) {
          changed = true
          return sealer.seal(value)
        }
        try {
          sealer.open(value)
        } catch (error) {
          throw new SecretKeyMismatch(`contract ${row.id}: ${path} cannot be opened with this key`, {
            cause: error,
          })
        }
        return value
      })
      if (!changed) continue
      await trx
        .updateTable('contracts')
        .set({ delivery_json: canonicalJson(next) })
        .where('id', '=', row.id)
        .execute()
      sealed++
    }
    return sealed
  })
}
