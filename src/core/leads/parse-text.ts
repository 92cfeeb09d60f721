import { accepted, type ParseOutcome, rejected } from './field-parser.js'
import type { FieldSpec } from './field-spec.js'

// Unicode control characters (C0, DEL, C1: general category Cc), except tab and line feed, which free text may carry.
const CONTROL = /[^\P{Cc}\t\n]/gu

/** Free text: control characters stripped, line breaks as \n, NFC, trimmed, at most maxLength code points. */
export function cleanText(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(CONTROL, '').normalize('NFC').trim()
}

export function parseText(input: string, spec: FieldSpec): ParseOutcome {
  const normal = cleanText(input)
  const length = [...normal].length
  if (spec.maxLength !== undefined && length > spec.maxLength) {
    return rejected(normal, `is longer than ${spec.maxLength} characters`, { length })
  }
  return accepted(normal, { length })
}
