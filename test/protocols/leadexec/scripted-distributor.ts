import type { Distributor, SendResult } from '../../../src/core/distribution/distributor.js'

/**
 * A distributor with a fixed answer, put behind the Distributor seam so the tests can check
 * how intake and the LeadExec encoders carry sends, agents, redirects, prices and ping orders.
 */
export function scriptedDistributor() {
  const calls = { distribute: [] as number[], useOrder: [] as Array<[string, number, number]> }
  const send = (buyerId: number, buyerName: string, agentName: string, agentPhone: string): SendResult => ({
    buyerId,
    buyerName,
    contractId: buyerId,
    eventId: 'e'.repeat(24),
    valid: true,
    priceCents: 2500,
    redirectUrl: '',
    agentName,
    agentPhone,
    reason: '',
  })
  const distributor: Distributor = {
    async distribute(leadId) {
      calls.distribute.push(leadId)
      return {
        sold: true,
        priceCents: 5000,
        sourcePriceCents: 2500,
        redirectUrl: 'https://buyer.example/thanks?x=1&y=2',
        sends: [
          send(1234, 'Demo Company', 'John Smith', '7025551212'),
          send(5679, 'Acme Company', 'Bob McCarthy', '6025551212'),
        ],
        reason: '',
      }
    },
    async ping() {
      return {
        orderId: '7cef1c61-916c-4ea8-b79f-5572e73c4602',
        estimatedPriceCents: 2500,
        expiresAt: new Date('2020-04-30T13:53:45Z'),
        bids: [],
      }
    },
    async useOrder(orderId, sourceId, leadId) {
      calls.useOrder.push([orderId, sourceId, leadId])
      return orderId === 'good-order' ? { ok: true } : { ok: false, reason: 'the order has expired' }
    },
  }
  return { distributor, calls }
}
