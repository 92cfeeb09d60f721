import { accepted, type ParseOutcome, rejected } from './field-parser.js'

// The three shapes are disjoint, so no default country is needed to tell them apart.
// US ZIP and ZIP+4 (USPS Publication 28, section 354).
const US = /^(\d{5})(?:[- ]?(\d{4}))?$/
// Canada: FSA + LDU; D, F, I, O, Q, U never appear, nor W or Z first (Canada Post
// Addressing Guidelines, "Postal code").
const CA = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/
// UK: outward code A9, A99, A9A, AA9, AA99 or AA9A, then inward 9AA whose letters never
// include C, I, K, M, O or V (Royal Mail Programmers' Guide, "Postcode format"; BS 7666), and
// the special GIR 0AA.
const UK = /^([A-Z]{1,2}\d[A-Z\d]?|GIR) ?(\d[ABD-HJLNP-UW-Z]{2})$/

export function parsePostalCode(input: string): ParseOutcome {
  const compact = input.toUpperCase().replace(/\s+/g, ' ')
  const us = US.exec(compact)
  if (us) {
    const [, zip5, plus4] = us
    if (plus4) return accepted(`${zip5}-${plus4}`, { country: 'US', zip5, plus4 })
    return accepted(zip5, { country: 'US', zip5 })
  }
  const ca = CA.exec(compact)
  if (ca) return accepted(`${ca[1]} ${ca[2]}`, { country: 'CA', fsa: ca[1], ldu: ca[2] })
  const uk = UK.exec(compact)
  if (uk) return accepted(`${uk[1]} ${uk[2]}`, { country: 'GB', outward: uk[1], inward: uk[2] })
  return rejected(compact, 'is not a valid US, Canadian or UK postal code')
}
