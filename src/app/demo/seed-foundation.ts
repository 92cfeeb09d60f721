import { hashPassword } from '../../core/secrets.js'
import { createCredential } from '../../storage/credential-store.js'
import type { Leadflow } from '../leadflow.js'
import { DEMO } from './demo-ids.js'

export const AUTO_INSURANCE_FIELDS = [
  { name: 'FirstName', type: 'text', required: false },
  { name: 'LastName', type: 'text', required: false },
  { name: 'Email', type: 'email', required: true },
  { name: 'Phone', type: 'phone', required: true },
  { name: 'Zip', type: 'postal_code', required: true },
  { name: 'State', type: 'state', required: false },
  { name: 'DOB', type: 'dob', required: false },
]

/** Admin key, Demo Source with campaign 1, the Auto Insurance lead type, two sandbox buyers. */
export async function seedFoundation(lf: Leadflow): Promise<void> {
  const now = lf.clock.now()
  const at = now.toISOString()
  const db = lf.db
  await createCredential(
    db,
    { ownerKind: 'admin', ownerId: null, kind: 'bearer', secret: DEMO.adminKey, label: 'demo admin' },
    now,
  )

  let source = await db
    .selectFrom('sources')
    .selectAll()
    .where('vid', '=', DEMO.source.vid)
    .executeTakeFirst()
  if (!source) {
    source = await db
      .insertInto('sources')
      .values({
        vid: DEMO.source.vid,
        name: DEMO.source.name,
        status: 'active',
        password_hash: await hashPassword(DEMO.source.password),
        require_token: 0,
        settings_json: '{}',
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  }
  await createCredential(
    db,
    {
      ownerKind: 'source',
      ownerId: source.id,
      kind: 'bearer',
      secret: DEMO.source.token,
      label: 'demo token',
    },
    now,
  )

  let leadType = await db
    .selectFrom('lead_types')
    .selectAll()
    .where('lid', '=', DEMO.leadType.lid)
    .executeTakeFirst()
  if (!leadType) {
    leadType = await db
      .insertInto('lead_types')
      .values({
        lid: DEMO.leadType.lid,
        vertical_id: DEMO.leadType.verticalId,
        name: DEMO.leadType.name,
        status: 'active',
        fields_json: JSON.stringify(AUTO_INSURANCE_FIELDS),
        duplicate_rules_json: JSON.stringify([
          { fields: ['Email'], windowDays: 30, scope: 'all' },
          { fields: ['Phone'], windowDays: 30, scope: 'all' },
        ]),
        settings_json: JSON.stringify({ strategy: 'waterfall' }),
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  const campaign = await db
    .selectFrom('campaigns')
    .select('id')
    .where('aid', '=', DEMO.source.aid)
    .executeTakeFirst()
  if (!campaign) {
    await db
      .insertInto('campaigns')
      .values({
        aid: DEMO.source.aid,
        source_id: source.id,
        name: 'Demo Campaign',
        lead_type_id: leadType.id,
        status: 'active',
        settings_json: '{}',
        created_at: at,
        updated_at: at,
      })
      .execute()
  }

  for (const buyer of Object.values(DEMO.buyers)) {
    const existing = await db
      .selectFrom('buyers')
      .select('id')
      .where('name', '=', buyer.name)
      .executeTakeFirst()
    if (existing) continue
    const row = await db
      .insertInto('buyers')
      .values({ name: buyer.name, status: 'active', settings_json: '{}', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('contracts')
      .values({
        buyer_id: row.id,
        lead_type_id: leadType.id,
        name: `${buyer.name} — Auto Insurance`,
        status: 'active',
        price_cents: buyer.priceCents,
        pricing: 'fixed',
        exclusive: 0,
        priority: buyer.sandbox === 'acme' ? 10 : 20,
        weight: 1,
        filters_json: '[]',
        caps_json: JSON.stringify([{ period: 'day', count: 1000 }]),
        schedule_json: '{}',
        delivery_json: JSON.stringify({
          kind: 'http',
          sandbox: buyer.sandbox,
          method: 'POST',
          format: 'json',
        }),
        return_policy_json: JSON.stringify({ windowDays: 7, allowConversions: true, autoApprove: false }),
        settings_json: '{}',
        consecutive_errors: 0,
        created_at: at,
        updated_at: at,
      })
      .execute()
  }
}
