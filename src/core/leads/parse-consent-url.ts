import { accepted, type ParseOutcome, rejected } from './field-parser.js'
import { parseHttpUrl } from './parse-url.js'

// TrustedForm certificate URLs are https://cert.trustedform.com/ followed by the 40-hex
// certificate id (ActiveProspect, "TrustedForm Certificate URL"); a path may follow the id.
const TRUSTEDFORM_HOSTS = new Set(['cert.trustedform.com'])
const CERTIFICATE_ID = /^\/([0-9a-f]{40})(?:\/|$)/i
// A Jornaya LeadiD token is a UUID-shaped value, usually upper case, sent as the field value
// itself or inside a URL on a Jornaya/LeadiD host.
const TOKEN = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i
const TOKEN_IN_TEXT = /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/i
const JORNAYA_DOMAINS = ['leadid.com', 'jornaya.com']

function isJornayaHost(hostname: string): boolean {
  return JORNAYA_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`))
}

function jornaya(token: string): ParseOutcome {
  const leadId = token.toUpperCase()
  return accepted(leadId, { provider: 'jornaya', leadId })
}

function fromUrl(url: URL): ParseOutcome | undefined {
  if (TRUSTEDFORM_HOSTS.has(url.hostname)) {
    const match = CERTIFICATE_ID.exec(url.pathname)
    if (!match) return undefined
    const certificateId = match[1].toLowerCase()
    const normal = `https://cert.trustedform.com/${certificateId}`
    return accepted(normal, { provider: 'trustedform', certificateId, url: normal })
  }
  if (isJornayaHost(url.hostname)) {
    const token = TOKEN_IN_TEXT.exec(decodeURIComponentSafe(url.pathname + url.search))
    return token ? jornaya(token[0]) : undefined
  }
  return undefined
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Proof of consent: a TrustedForm certificate URL (normal: its https URL with the id in lower
 * case) or a Jornaya LeadiD token (normal: the token in upper case). Anything else is invalid.
 */
export function parseConsentUrl(input: string): ParseOutcome {
  if (TOKEN.test(input)) return jornaya(input)
  const url = parseHttpUrl(input)
  const outcome = url && fromUrl(url)
  return outcome ?? rejected(input, 'is not a TrustedForm certificate URL or Jornaya LeadiD token')
}
