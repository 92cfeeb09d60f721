import type { ReactNode } from 'react'
import { useFieldArray, useFormContext } from 'react-hook-form'
import { z } from 'zod'
import { NumberField, SelectField, TextField } from '../components/form'

/** Cents as the dollars an operator types ("25.50"); blank for none. */
export function dollars(value: unknown): string {
  return typeof value === 'number' ? (value / 100).toFixed(2) : ''
}

/** "25.5" → 2550; blank → undefined. The zod `money` rule has checked the text. */
export function toCents(text: string | undefined): number | undefined {
  return text === undefined || text.trim() === '' ? undefined : Math.round(Number(text) * 100)
}

export const money = z
  .string()
  .trim()
  .regex(/^(\d+(\.\d{1,2})?)?$/, 'Dollars and cents, e.g. 25 or 25.50')
export const optionalInt = z.number().int('A whole number').min(0, 'Zero or more').optional()
export const requiredText = (what: string) => z.string().trim().min(1, `Enter ${what}`)

/** "a, b ,c" → ["a", "b", "c"]. */
export function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Drops keys whose value is undefined or '', so the API gets only what the operator set. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>
}

/** Maps the API's problem paths onto a form whose shape differs: first matching rule wins. */
export function renamer(rules: ReadonlyArray<readonly [RegExp, string]>) {
  return (path: string) => {
    for (const [pattern, to] of rules) if (pattern.test(path)) return path.replace(pattern, to)
    return path
  }
}

export const STATUSES = [
  { value: 'active', label: 'active' },
  { value: 'disabled', label: 'disabled' },
]

export const CAP_PERIODS = ['hour', 'day', 'week', 'month'].map((p) => ({ value: p, label: `per ${p}` }))

/** A cap row as the form holds it (docs/distribution.md, "Caps"). */
export interface CapRow {
  period: string
  count?: number
  spend: string
  timeZone: string
}

export const capRow = z.object({
  period: z.string(),
  count: optionalInt,
  spend: money,
  timeZone: z.string().trim(),
})

export function capsFromApi(caps: readonly Record<string, unknown>[] | undefined): CapRow[] {
  return (caps ?? []).map((c) => ({
    period: String(c.period ?? 'day'),
    count: typeof c.count === 'number' ? c.count : undefined,
    spend: dollars(c.spendCents),
    timeZone: typeof c.timeZone === 'string' ? c.timeZone : '',
  }))
}

export function capsToApi(rows: readonly CapRow[]): Record<string, unknown>[] {
  return rows.map((r) =>
    compact({ period: r.period, count: r.count, spendCents: toCents(r.spend), timeZone: r.timeZone }),
  )
}

/** `caps[0].spendCents` → `caps.0.spend` (the form holds dollars). */
export const CAP_RENAMES = [[/^((?:settings\.)?caps\.\d+)\.spendCents$/, '$1.spend']] as const

/** IANA zones the browser knows, for the time-zone inputs' suggestions. */
export function TimeZoneList({ id }: { id: string }) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return (
    <datalist id={id}>
      {['UTC', ...zones].map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  )
}

/** The Remove button of one row of a list editor (caps, filters, fields, mappings…). */
export function RemoveRow({ what, index, onRemove }: { what: string; index: number; onRemove: () => void }) {
  return (
    <button
      type="button"
      className="danger remove"
      onClick={onRemove}
      aria-label={`Remove ${what} ${index + 1}`}
    >
      Remove
    </button>
  )
}

/**
 * Caps: a count and/or a spend per hour, day, week or month, in a time zone. `zoneDefault` says
 * whose time zone a blank one means (the contract's, the source's, the buyer's).
 */
export function CapsEditor({
  name,
  hint,
  zoneDefault = "contract's",
}: {
  name: string
  hint?: ReactNode
  zoneDefault?: string
}) {
  const { control } = useFormContext()
  const rows = useFieldArray({ control, name })
  return (
    <fieldset className="rows">
      <legend>Caps</legend>
      {hint && <p className="muted small">{hint}</p>}
      {rows.fields.length === 0 && <p className="muted small">No caps: no limit.</p>}
      {rows.fields.map((row, i) => (
        <div key={row.id} className="row-line">
          <SelectField name={`${name}.${i}.period`} label="Period" options={CAP_PERIODS} />
          <NumberField name={`${name}.${i}.count`} label="Most leads" min={0} />
          <TextField name={`${name}.${i}.spend`} label="Most spend ($)" inputMode="decimal" />
          <TextField
            name={`${name}.${i}.timeZone`}
            label="Time zone"
            list="lf-time-zones"
            placeholder={zoneDefault}
          />
          <RemoveRow what="cap" index={i} onRemove={() => rows.remove(i)} />
        </div>
      ))}
      <button
        type="button"
        onClick={() => rows.append({ period: 'day', count: undefined, spend: '', timeZone: '' })}
      >
        Add a cap
      </button>
    </fieldset>
  )
}

/** Save and (for a stored object) Delete, with the form's result above them. */
export function EditorActions(props: {
  canWrite: boolean
  saving: boolean
  creating: boolean
  onDelete?: () => void
  deleting?: boolean
  extra?: ReactNode
}) {
  if (!props.canWrite) return <p className="muted">Read only: your role may not change configuration.</p>
  return (
    <div className="actions editor-actions">
      <button type="submit" className="primary" disabled={props.saving}>
        {props.saving ? 'Saving…' : props.creating ? 'Create' : 'Save'}
      </button>
      {props.extra}
      <span className="spacer" />
      {!props.creating && props.onDelete && (
        <button type="button" className="danger" disabled={props.deleting} onClick={props.onDelete}>
          Delete
        </button>
      )}
    </div>
  )
}
