import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { domainToASCII } from 'node:url'
import { createDomainSet, type DomainSet } from './domain-set.js'

// The lists come from maintained npm packages rather than a copy of our own:
// disposable-email-domains (github.com/ivolo/disposable-email-domains; index.json lists
// domains, wildcard.json domains whose every subdomain is disposable) and email-providers
// (github.com/derhuerst/email-providers; all.json lists free mail providers). They are read
// on first use, so a process that never parses an email never pays for the ~130k entries.
const require = createRequire(import.meta.url)

interface DomainLists {
  free: DomainSet
  disposable: DomainSet
  disposableWildcard: DomainSet
}

let lists: DomainLists | undefined

/**
 * Reads both lists now rather than on the first email (about half a second on a small
 * machine), so that a server can pay for it at startup instead of on a request.
 */
export function loadEmailDomainLists(): void {
  loadLists()
}

function loadLists(): DomainLists {
  lists ??= {
    free: readList('email-providers/all.json'),
    disposable: readList('disposable-email-domains/index.json'),
    disposableWildcard: readList('disposable-email-domains/wildcard.json'),
  }
  return lists
}

/**
 * One list as a DomainSet (src/core/leads/domain-set.ts: 3 MB where a Set took 8). Read and parsed
 * here rather than `require`d, so the parsed array is garbage at once instead of cached for good.
 * The few names in Unicode are kept in punycode, the form parseEmail looks domains up in.
 */
function readList(name: string): DomainSet {
  const names = JSON.parse(readFileSync(require.resolve(name), 'utf8')) as string[]
  return createDomainSet(names.map((n) => (/^[\x21-\x7e]*$/.test(n) ? n : domainToASCII(n))).filter(Boolean))
}

/** The domain and each parent it belongs to: a.b.example.com, b.example.com, example.com, com. */
function selfAndParents(domain: string): string[] {
  const labels = domain.split('.')
  return labels.map((_, i) => labels.slice(i).join('.'))
}

export function isFreeMailDomain(domain: string): boolean {
  return loadLists().free.has(domain)
}

export function isDisposableDomain(domain: string): boolean {
  const { disposable, disposableWildcard } = loadLists()
  return selfAndParents(domain).some((d) => disposableWildcard.has(d) || disposable.has(d))
}
