import { accepted, type ParseOutcome, rejected } from './field-parser.js'

const SSN = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/

/**
 * US Social Security number. Numbers never issued are refused: area 000, 666 and 900–999,
 * group 00, serial 0000 (SSA, "Social Security Number Randomization", 2011). Components carry
 * only the last four digits, the part that may be shown (see masking.ts).
 */
export function parseSsn(input: string): ParseOutcome {
  const match = SSN.exec(input)
  if (!match) return rejected(input, 'must be 9 digits, as 123-45-6789 or 123456789')
  const [, area, group, serial] = match
  const normal = `${area}-${group}-${serial}`
  const components = { last4: serial }
  if (area === '000' || area === '666' || area.startsWith('9')) {
    return rejected(normal, 'is not a valid SSN (area number never issued)', components)
  }
  if (group === '00') return rejected(normal, 'is not a valid SSN (group 00)', components)
  if (serial === '0000') return rejected(normal, 'is not a valid SSN (serial 0000)', components)
  return accepted(normal, components)
}
