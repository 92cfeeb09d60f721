import { createRequire } from 'node:module'

// The lists come from maintained npm packages rather than a copy of our own:
// disposable-email-domains (github.com/ivolo/disposable-email-domains; index.json lists
// domains, wildcard.json domains whose every subdomain is disposable) and email-providers
// (github.com/derhuerst/email-providers; all.json lists free mail providers). They are read
// on first use, so a process that never parses an email never pays for the ~130k entries.
const require = createRequire(import.meta.url)

interface DomainLists {
  free: ReadonlySet<string>
  disposable: ReadonlySet<string>
  disposableWildcard: ReadonlySet<string>
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
    free: new Set(require('email-providers/all.json') as string[]),
    disposable: new Set(require('disposable-email-domains/index.json') as string[]),
    disposableWildcard: new Set(require('disposable-email-domains/wildcard.json') as string[]),
  }
  return lists
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
