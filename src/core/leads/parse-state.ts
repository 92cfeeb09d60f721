import { accepted, type ParseOutcome, rejected } from './field-parser.js'
import { findRegion } from './find-region.js'

/** US state, DC, territory or Canadian province, by code or name → its 2-letter code. */
export function parseState(input: string): ParseOutcome {
  const region = findRegion(input)
  if (!region) return rejected(input, 'is not a US state or Canadian province')
  return accepted(region.code, { code: region.code, name: region.name, country: region.country })
}
