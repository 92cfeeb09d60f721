/** The demo world's fixed identifiers (issue: foundation). Docs, examples and tests rely on them. */
export const DEMO = {
  adminKey: 'demo-admin-key',
  // A 20% margin, so every demo sale shows a profit: Acme's $25 pays the source $20.
  source: {
    vid: 1,
    aid: 1,
    name: 'Demo Source',
    password: 'demo',
    token: 'demo-token',
    margin: { kind: 'percent', value: 20 },
  },
  leadType: { lid: 1, verticalId: 1, name: 'Auto Insurance' },
  buyers: {
    acme: { name: 'Acme Insurance', sandbox: 'acme', priceCents: 2500 },
    zenith: { name: 'Zenith Leads', sandbox: 'zenith', priceCents: 1800 },
  },
  cakeApiKey: 'demo-api-key',
  diallerKey: 'demo-dialler-key',
  /** Console users, each with the password `demo` (README, the tour). */
  users: {
    owner: 'owner@demo.test',
    operator: 'operator@demo.test',
    analyst: 'analyst@demo.test',
    buyer: 'buyer@demo.test',
    /** The Demo Source's seller (the seller portal). */
    seller: 'seller@demo.test',
  },
  userPassword: 'demo',
} as const
