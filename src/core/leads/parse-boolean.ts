import { accepted, type ParseOutcome, rejected } from './field-parser.js'

const WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  on: true,
  off: false,
  '1': true,
  '0': false,
  t: true,
  f: false,
}

export function parseBoolean(input: string): ParseOutcome {
  const key = input.toLowerCase()
  const value = Object.hasOwn(WORDS, key) ? WORDS[key] : undefined
  if (value === undefined) return rejected(input, 'must be yes/no, true/false, 1/0 or on/off')
  return accepted(String(value), { value })
}
