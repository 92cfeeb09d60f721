import { DEMO } from './demo-ids.js'
import type { DemoDeps } from './seed-steps.js'

/** One console user per role the tour shows; the buyer user belongs to Acme Insurance, the seller to Demo Source. */
export async function seedUsers({ admin, users }: DemoDeps): Promise<void> {
  if (!users) return
  const { owner, operator, analyst, buyer, seller } = DEMO.users
  const password = DEMO.userPassword
  await users.plant({ email: owner, name: 'Demo Owner', role: 'owner' }, password)
  await users.plant({ email: operator, name: 'Demo Operator', role: 'operator' }, password)
  await users.plant({ email: analyst, name: 'Demo Analyst', role: 'analyst' }, password)
  const acme = (await admin.buyers.list()).find((b) => b.name === DEMO.buyers.acme.name)
  if (acme)
    await users.plant({ email: buyer, name: 'Acme (buyer)', role: 'buyer', buyer_id: acme.id }, password)
  const source = (await admin.sources.list()).find((s) => s.name === DEMO.source.name)
  if (source)
    await users.plant(
      { email: seller, name: 'Demo Source (seller)', role: 'seller', source_id: source.id },
      password,
    )
}
