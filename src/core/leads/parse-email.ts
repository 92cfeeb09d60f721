import { domainToASCII } from 'node:url'
import { isDisposableDomain, isFreeMailDomain } from './email-domain-lists.js'
import { accepted, type ParseOutcome, rejected } from './field-parser.js'

// The local part follows the WHATWG HTML "valid e-mail address" definition (a willful, practical
// subset of RFC 5322 atoms); the domain is checked label by label after IDNA conversion.
const LOCAL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+$/
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/

function asciiDomain(domain: string): string {
  return /^\p{ASCII}*$/u.test(domain) ? domain : domainToASCII(domain)
}

function invalidReason(user: string, domain: string): string | undefined {
  // RFC 5321 section 4.5.3.1: local part at most 64 octets, a path at most 256 (254 address).
  if (!LOCAL.test(user) || user.length > 64) return 'is not a valid email address'
  if (user.startsWith('.') || user.endsWith('.') || user.includes('..')) return 'is not a valid email address'
  const labels = domain.split('.')
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return 'has an invalid domain'
  if (!TLD.test(labels[labels.length - 1])) return 'has an invalid domain'
  if (user.length + 1 + domain.length > 254) return 'is too long for an email address'
  return undefined
}

/** Email, lower-cased (domain in ASCII/punycode), with user, domain, tld, freeMail and disposable. */
export function parseEmail(input: string): ParseOutcome {
  const lower = input.toLowerCase()
  const at = lower.lastIndexOf('@')
  if (at <= 0 || at === lower.length - 1) return rejected(lower, 'is not a valid email address')
  const user = lower.slice(0, at)
  const domain = asciiDomain(lower.slice(at + 1)).replace(/\.$/, '')
  const reason = invalidReason(user, domain)
  if (reason) return rejected(lower, reason)
  const tld = domain.slice(domain.lastIndexOf('.') + 1)
  const freeMail = isFreeMailDomain(domain)
  const disposable = isDisposableDomain(domain)
  return accepted(`${user}@${domain}`, { user, domain, tld, freeMail, disposable })
}
