import { LeadflowError } from '../errors.js'

/** A path into a configuration object, e.g. ['lead_types', 0, 'fields', 2, 'type']. */
export type Path = ReadonlyArray<string | number>

/** One thing wrong with a configuration object; the API and leadflow.yaml report the same list. */
export interface Problem {
  path: string
  message: string
  /** The raw path, so the yaml loader can find the line of the offending node. */
  at: Path
}

/** `lead_types[0].fields[2].type` — the notation both docs/api.md and error messages use. */
export function formatPath(path: Path): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? part : `.${part}`
  }
  return out
}

/** Collects problems while a validator walks an input; validators never throw on bad input. */
export class Problems {
  readonly list: Problem[] = []

  add(at: Path, message: string): void {
    this.list.push({ path: formatPath(at), message, at })
  }

  get empty(): boolean {
    return this.list.length === 0
  }
}

/** Result of validating one object: its normalised form, or the problems found. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

export function checked<T>(problems: Problems, value: T): Checked<T> {
  return problems.empty ? { ok: true, value } : { ok: false, problems: problems.list }
}

/** The native API's answer to invalid input: 400 LF_VALIDATION listing every problem. */
export function validationError(problems: readonly Problem[]): LeadflowError {
  const first = problems[0]
  const summary = first ? `${first.path || 'body'}: ${first.message}` : 'invalid'
  return new LeadflowError(
    'LF_VALIDATION',
    problems.length > 1 ? `${summary} (and ${problems.length - 1} more)` : summary,
    problems.map(({ path, message }) => ({ path, message })),
  )
}

/** Unwraps a Checked value or throws LF_VALIDATION. */
export function valueOrThrow<T>(result: Checked<T>): T {
  if (!result.ok) throw validationError(result.problems)
  return result.value
}
