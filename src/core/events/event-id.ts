import { randomBytes } from 'node:crypto'

/** A new event id: 24 lowercase hex characters (LeadConduit event ids have this shape). */
export function newEventId(): string {
  return randomBytes(12).toString('hex')
}
