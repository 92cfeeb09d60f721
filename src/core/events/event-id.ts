import { pooledRandomBytes } from '../ids/pooled-random-bytes.js'

/**
 * A new event id: 24 lowercase hex characters, the shape of LeadConduit's event ids (MongoDB
 * ObjectIds): 4 bytes of Unix seconds first, then 8 random bytes. Time first keeps the `events`
 * primary-key index growing at its right edge (the ids of one second share a few leaf pages)
 * instead of dirtying a random leaf per event in every commit (docs/performance.md); 64 random
 * bits keep an id unguessable, as a buyer's event id must be.
 */
export function newEventId(nowMs: number = Date.now()): string {
  const bytes = pooledRandomBytes(12)
  bytes.writeUInt32BE(Math.floor(nowMs / 1000) >>> 0, 0)
  return bytes.toString('hex')
}
