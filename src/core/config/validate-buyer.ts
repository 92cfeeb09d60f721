import type { Obj } from './check.js'
import { bool, ID_RULE, int, noUnknownKeys, objectAt, oneOf, text } from './check.js'
import { type Checked, checked, type Path, Problems } from './problems.js'
import {
  type CapSpec,
  checkCaps,
  checkContractSettings,
  checkDelivery,
  checkFilters,
  checkPlainSettings,
  checkReturnPolicy,
  checkSchedule,
} from './validate-settings.js'

export const BUYER_STATUSES = ['active', 'disabled'] as const
export const CONTRACT_STATUSES = ['active', 'paused', 'off'] as const
export const PRICINGS = ['fixed', 'bid'] as const

/** A buyer (LeadExec client, `ClientUID`); its name is its natural key in leadflow.yaml. */
export interface BuyerSpec {
  name: string
  status: (typeof BUYER_STATUSES)[number]
  settings: Obj
}

/** A buyer's contract (CAKE `buyer_contract_id`) for one lead type, named uniquely per buyer. */
export interface ContractSpec {
  name: string
  lid: number
  status: (typeof CONTRACT_STATUSES)[number]
  price_cents: number
  pricing: (typeof PRICINGS)[number]
  exclusive: boolean
  priority: number
  weight: number
  filters: Obj[]
  caps: CapSpec[]
  schedule: Obj
  delivery: Obj
  return_policy: Obj
  settings: Obj
}

export const BUYER_KEYS = ['name', 'status', 'settings']
export const CONTRACT_KEYS = [
  'name',
  'lid',
  'status',
  'price_cents',
  'pricing',
  'exclusive',
  'priority',
  'weight',
  'filters',
  'caps',
  'schedule',
  'delivery',
  'return_policy',
  'settings',
]

export function checkBuyer(p: Problems, at: Path, input: unknown, extraKeys: string[] = []): BuyerSpec {
  const o = objectAt(p, at, input)
  noUnknownKeys(p, at, o, [...BUYER_KEYS, ...extraKeys])
  return {
    name: text(p, [...at, 'name'], o.name),
    status: oneOf(p, [...at, 'status'], o.status, BUYER_STATUSES, 'active'),
    settings: checkPlainSettings(p, [...at, 'settings'], o.settings),
  }
}

export function validateBuyer(input: unknown): Checked<BuyerSpec> {
  const p = new Problems()
  return checked(p, checkBuyer(p, [], input))
}

export function checkContract(p: Problems, at: Path, input: unknown): ContractSpec {
  const o = objectAt(p, at, input)
  noUnknownKeys(p, at, o, CONTRACT_KEYS)
  return {
    name: text(p, [...at, 'name'], o.name),
    lid: int(p, [...at, 'lid'], o.lid, ID_RULE),
    status: oneOf(p, [...at, 'status'], o.status, CONTRACT_STATUSES, 'active'),
    // Money is integer cents (DESIGN.md, Storage): a decimal here would be rounded somewhere.
    price_cents: int(p, [...at, 'price_cents'], o.price_cents, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    }),
    pricing: oneOf(p, [...at, 'pricing'], o.pricing, PRICINGS, 'fixed'),
    exclusive: bool(p, [...at, 'exclusive'], o.exclusive, false),
    priority: int(p, [...at, 'priority'], o.priority, { min: 0, max: 1_000_000, fallback: 100 }),
    weight: int(p, [...at, 'weight'], o.weight, { min: 0, max: 1_000_000, fallback: 1 }),
    filters: checkFilters(p, [...at, 'filters'], o.filters),
    caps: checkCaps(p, [...at, 'caps'], o.caps),
    schedule: checkSchedule(p, [...at, 'schedule'], o.schedule),
    delivery: checkDelivery(p, [...at, 'delivery'], o.delivery),
    return_policy: checkReturnPolicy(p, [...at, 'return_policy'], o.return_policy),
    settings: checkContractSettings(p, [...at, 'settings'], o.settings),
  }
}

export function validateContract(input: unknown): Checked<ContractSpec> {
  const p = new Problems()
  return checked(p, checkContract(p, [], input))
}
