import { accepted, type ParseOutcome, rejected } from './field-parser.js'

/** An absolute http(s) URL, parsed and serialized by the WHATWG URL Standard; normal is its href. */
export function parseHttpUrl(input: string): URL | undefined {
  if (!URL.canParse(input)) return undefined
  const url = new URL(input)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  return url.hostname ? url : undefined
}

export function parseUrl(input: string): ParseOutcome {
  const url = parseHttpUrl(input)
  if (!url) return rejected(input, 'is not a valid http or https URL')
  return accepted(url.href, { host: url.host, hostname: url.hostname, protocol: url.protocol.slice(0, -1) })
}
