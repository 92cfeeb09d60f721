/**
 * A read-only set of domain names held as one string and one typed hash table.
 *
 * Why: a `Set` of disposable-email-domains' 121,570 names kept 8.1 MB of the V8 heap (a string
 * object per name, the Set's table, and `require`'s cached copy of the parsed array), about a
 * tenth of an idle server's live heap. Here the names are the lines of one one-byte string
 * (1.9 MB) and an open-addressing table of line offsets (4 bytes a slot, at most half full):
 * 3 MB in all, and a lookup hashes the name once and compares it in place — no allocation.
 */
/** Names are domain names: never a line break in them (parseEmail looks up validated labels). */
export interface DomainSet {
  has(domain: string): boolean
}

export function createDomainSet(domains: Iterable<string>): DomainSet {
  const unique = [...new Set(domains)]
  const text = ['', ...unique, ''].join('\n')
  const slots = new Uint32Array(tableSize(unique.length))
  const mask = slots.length - 1
  let offset = 1
  for (const domain of unique) {
    let slot = hash(domain) & mask
    while (slots[slot] !== 0) slot = (slot + 1) & mask
    slots[slot] = offset
    offset += domain.length + 1
  }
  const has = (domain: string): boolean => {
    let slot = hash(domain) & mask
    for (let at = slots[slot]; at !== 0; at = slots[slot]) {
      if (text.charCodeAt(at + domain.length) === 10 && text.startsWith(domain, at)) return true
      slot = (slot + 1) & mask
    }
    return false
  }
  return { has }
}

/** A power of two at least twice `count`, so probe runs stay short. */
function tableSize(count: number): number {
  let size = 16
  while (size < count * 2) size *= 2
  return size
}

/** FNV-1a over UTF-16 code units, as an unsigned 32-bit number. */
function hash(value: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193)
  return h >>> 0
}
