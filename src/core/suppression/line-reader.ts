import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'

/**
 * The lines of a stream, listening from the moment this is called: a readline interface whose
 * async iterator is created only after an await (a database round trip, say) has already emitted
 * and lost the lines of a short body.
 */
export function linesOf(input: Readable): AsyncIterable<string> {
  const iterator = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]()
  return { [Symbol.asyncIterator]: () => iterator }
}
