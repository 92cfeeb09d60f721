import { DEMO } from './demo-ids.js'
import { type DemoDeps, demoCredential, ifAbsent } from './seed-steps.js'

export const AUTO_INSURANCE_FIELDS = [
  { name: 'FirstName', type: 'text', required: false },
  { name: 'LastName', type: 'text', required: false },
  { name: 'Email', type: 'email', required: true },
  { name: 'Phone', type: 'phone', required: true },
  { name: 'Zip', type: 'postal_code', required: true },
  { name: 'State', type: 'state', required: false },
  { name: 'DOB', type: 'dob', required: false },
]

/**
 * Admin key, Demo Source with campaign 1, the Auto Insurance lead type, two sandbox buyers.
 * Everything goes through the admin API's use-cases, so the demo is validated like API input.
 */
export async function seedFoundation(deps: DemoDeps): Promise<void> {
  const { admin } = deps
  await demoCredential(deps, {
    owner_kind: 'admin',
    kind: 'bearer',
    secret: DEMO.adminKey,
    label: 'demo admin',
    permissions: ['*'],
  })

  const { vid, aid, name, password, token, margin } = DEMO.source
  const source = await ifAbsent(
    () =>
      admin.sources.create({
        vid,
        name,
        status: 'active',
        password,
        require_token: false,
        settings: { margin },
      }),
    () => admin.sources.get(vid),
  )
  await deps.markDemo('source', String(source.id))
  await demoCredential(deps, {
    owner_kind: 'source',
    owner_id: source.id,
    kind: 'bearer',
    secret: token,
    label: 'demo token',
  })

  const { lid, verticalId } = DEMO.leadType
  await ifAbsent(
    () =>
      admin.leadTypes.create({
        lid,
        vertical_id: verticalId,
        name: DEMO.leadType.name,
        status: 'active',
        fields: AUTO_INSURANCE_FIELDS,
        duplicate_rules: [
          { fields: ['Email'], windowDays: 30, scope: 'all' },
          { fields: ['Phone'], windowDays: 30, scope: 'all' },
        ],
        settings: { strategy: 'waterfall' },
      }),
    () => admin.leadTypes.get(lid),
  )
  await ifAbsent(
    () => admin.campaigns.create({ aid, vid, name: 'Demo Campaign', lid, status: 'active', settings: {} }),
    () => admin.campaigns.get(aid),
  )

  for (const buyer of Object.values(DEMO.buyers)) {
    const created = await ifAbsent(
      () => admin.buyers.create({ name: buyer.name, status: 'active', settings: {} }),
      async () => undefined,
    )
    // An existing buyer keeps whatever contracts the operator gave it.
    if (!created) continue
    await admin.contracts.create(created.id, {
      name: `${buyer.name} — Auto Insurance`,
      lid,
      status: 'active',
      price_cents: buyer.priceCents,
      pricing: 'fixed',
      exclusive: false,
      priority: buyer.sandbox === 'acme' ? 10 : 20,
      weight: 1,
      filters: [],
      caps: [{ period: 'day', count: 1000 }],
      schedule: {},
      delivery: { kind: 'http', sandbox: buyer.sandbox, method: 'POST', format: 'json' },
      return_policy: { windowDays: 7, allowConversions: true, autoApprove: false },
      settings: {},
    })
  }
}
