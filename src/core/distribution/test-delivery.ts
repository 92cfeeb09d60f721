import { validationError, valueOrThrow } from '../config/problems.js'
import { validateContract } from '../config/validate-buyer.js'
import {
  mapDeliverySecrets,
  markOmittedSecrets,
  SECRET_MASK,
  secretAt,
} from '../delivery/delivery-secrets.js'
import type { DeliverySettings } from '../delivery/delivery-settings.js'
import type { MaskedRequest, StoredResponse } from '../delivery/outbound-attempt.js'
import { LeadflowError } from '../errors.js'
import { newEventId } from '../events/event-id.js'
import type { FieldSpec } from '../leads/field-spec.js'
import { type FieldError, parseLead } from '../leads/parse-lead.js'
import type { Clock } from '../ports.js'
import { type ContractInfo, DEFAULT_AUTO_PAUSE_AFTER } from './contract-terms.js'
import type { Deliverer } from './deliverer.js'
import { toFieldValues } from './lead-view.js'

/** The stored contract a test starts from: credentials as stored (sealed). */
export interface StoredContractDelivery {
  id: number
  buyerId: number
  buyerName: string
  lid: number
  leadTypeId: number
  name: string
  priceCents: number
  delivery: Record<string, unknown>
}

/** Port (src/storage/delivery-test-store.ts): reads only, never a write. */
export interface DeliveryTestStore {
  contract(id: number): Promise<StoredContractDelivery | undefined>
  leadTypeFields(lid: number): Promise<{ id: number; fields: readonly FieldSpec[] } | undefined>
}

export interface DeliveryTestInput {
  /** A saved contract: its delivery settings (and stored credentials) are used. */
  contractId?: number
  /**
   * The editor's unsaved contract, with the keys of `POST /buyers/:id/contracts`, validated the
   * same way; over `contractId` its keys replace the stored ones and the mask keeps a stored secret.
   */
  contract?: Record<string, unknown>
  /** The sample lead, field name → value, as a source would post it. */
  fields: Record<string, string>
}

export interface DeliveryTestResult {
  /** The request as sent, credentials masked (exactly what a post event would record). */
  request: MaskedRequest | null
  /** The buyer's answer (body clipped to 64 KiB), or null when none came. */
  response: StoredResponse | null
  /** What distribution would conclude from it. */
  outcome: {
    outcome: 'accepted' | 'rejected' | 'error'
    reason: string
    status: number | null
    duration_ms: number
    price_cents: number | null
    buyer_lead_id: string
    redirect_url: string
  }
  /** The sample lead as intake would normalize it, and its problems (a real post would be refused). */
  lead: { problems: FieldError[] }
}

export interface DeliveryTest {
  run(input: DeliveryTestInput): Promise<DeliveryTestResult>
}

/**
 * "Send a test lead" (docs/console.md): builds the request the real delivery would build for this
 * contract and sample lead, sends it through the same deliverer (the one outbound path with its
 * private-address guard, docs/architecture.md), and reads the answer with the contract's response
 * rules. It records nothing — no lead, event, sale, cap slot, credit or error count — so a test
 * cannot spend a buyer's cap or pause a contract.
 */
export function createDeliveryTest(
  store: DeliveryTestStore,
  deliverer: Deliverer,
  clock: Clock,
): DeliveryTest {
  return {
    async run(input) {
      const stored =
        input.contractId === undefined ? undefined : await storedContract(store, input.contractId)
      const contract = input.contract ? draftContract(input.contract, stored) : stored && fromStored(stored)
      if (!contract) throw invalid('contract', 'send contract_id, contract, or both')
      if (contract.delivery.kind === 'call_queue')
        throw invalid(
          'delivery.kind',
          'a call-queue delivery goes to the dialler, not over HTTP, and cannot be tested',
        )
      const leadType = await store.leadTypeFields(contract.lid)
      if (!leadType) throw invalid('lid', `no lead type with lid ${contract.lid}`)
      const parsed = parseLead(leadType.fields, input.fields, clock.now())
      const eventId = newEventId(clock.now().getTime())
      const call = await deliverer.post(
        contractInfo(contract, leadType.id),
        toFieldValues({ ...parsed.fields, ...parsed.extra }),
        {
          event_id: eventId,
          lead_id: 0,
          idempotency_key: `lf-test-${eventId}`,
          price: (contract.priceCents / 100).toFixed(2),
        },
      )
      return {
        request: call.request,
        response: call.response,
        outcome: {
          outcome: call.outcome,
          reason: call.reason,
          status: call.status,
          duration_ms: call.durationMs,
          price_cents: call.priceCents,
          buyer_lead_id: call.buyerLeadId,
          redirect_url: call.redirectUrl,
        },
        lead: { problems: parsed.errors },
      }
    },
  }
}

interface TestContract {
  id: number
  buyerId: number
  buyerName: string
  name: string
  lid: number
  priceCents: number
  delivery: DeliverySettings
}

function invalid(path: string, message: string): LeadflowError {
  return validationError([{ path, message, at: [] }])
}

async function storedContract(store: DeliveryTestStore, id: number): Promise<StoredContractDelivery> {
  const found = await store.contract(id)
  if (!found) throw new LeadflowError('LF_NOT_FOUND', `No contract with id ${id}`)
  return found
}

function fromStored(stored: StoredContractDelivery): TestContract {
  return { ...stored, delivery: { kind: 'http', ...stored.delivery } as DeliverySettings }
}

/** The draft, validated as a saved contract would be; the mask stands for the stored secret. */
function draftContract(
  draft: Record<string, unknown>,
  stored: StoredContractDelivery | undefined,
): TestContract {
  const spec = valueOrThrow(
    validateContract({
      name: stored?.name ?? 'test',
      ...(stored ? { lid: stored.lid, price_cents: stored.priceCents } : {}),
      ...draft,
    }),
  )
  const storedDelivery = stored?.delivery ?? {}
  const delivery = mapDeliverySecrets(markOmittedSecrets(spec.delivery, storedDelivery), (value, path) =>
    value === SECRET_MASK ? secretAt(storedDelivery, path) : value,
  )
  return {
    id: stored?.id ?? 0,
    buyerId: stored?.buyerId ?? 0,
    buyerName: stored?.buyerName ?? '',
    name: spec.name,
    lid: spec.lid,
    priceCents: spec.price_cents,
    delivery: { kind: 'http', ...delivery } as DeliverySettings,
  }
}

function contractInfo(c: TestContract, leadTypeId: number): ContractInfo {
  return {
    id: c.id,
    buyerId: c.buyerId,
    buyerName: c.buyerName,
    buyerActive: true,
    leadTypeId,
    name: c.name,
    status: 'active',
    priceCents: c.priceCents,
    pricing: 'fixed',
    exclusive: false,
    priority: 0,
    weight: 1,
    filters: [],
    caps: [],
    schedule: {},
    delivery: c.delivery,
    autoPauseAfter: DEFAULT_AUTO_PAUSE_AFTER,
  }
}
