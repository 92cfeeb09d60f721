import { zodResolver } from '@hookform/resolvers/zod'
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react'
import {
  type DefaultValues,
  type FieldValues,
  get,
  type Path,
  type UseFormReturn,
  useController,
  useForm,
  useFormContext,
} from 'react-hook-form'
import type { z } from 'zod'
import { ApiError, type ErrorDetail } from '../api'
import { describeError } from './toast'

/**
 * A react-hook-form form validated by a zod schema: the schema's input type is what the fields
 * hold, its output what `handleSubmit` hands over (numbers coerced, blanks dropped).
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    // Errors appear on submit and then follow each change; on-blur validation would move the layout
    // under the pointer between mousedown and click, losing the click.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  })
}

/**
 * The API names an invalid place as `fields[2].type` (leadflow's validators, docs/api.md) or as a
 * JSON pointer `/fields/2/type` (schema validation); react-hook-form as `fields.2.type`.
 */
export function formPath(detail: ErrorDetail): string {
  const pointer = detail.instancePath
  if (pointer !== undefined) {
    const parts = pointer.split('/').filter(Boolean)
    const missing = detail.params?.missingProperty
    if (typeof missing === 'string') parts.push(missing)
    return parts.join('.')
  }
  return (detail.path ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '')
}

/**
 * Puts an API error on the form: each LF_VALIDATION detail on the field it names (through
 * `rename` when the form's shape differs from the request body), everything else — details on
 * fields the form does not show, or any other error — in the form's root error, shown by
 * <FormStatus/>. Returns false when `error` is not an ApiError (a bug, rethrow it).
 */
export function applyApiError<T extends FieldValues>(
  form: UseFormReturn<T, unknown, FieldValues> | UseFormReturn<T>,
  error: unknown,
  rename: (apiPath: string) => string | undefined = (p) => p,
): boolean {
  if (!(error instanceof ApiError)) return false
  const f = form as UseFormReturn<T>
  const leftover: string[] = []
  if (error.code === 'LF_VALIDATION' && error.details.length > 0) {
    for (const detail of error.details) {
      const path = rename(formPath(detail))
      if (path && get(f.getValues(), path) !== undefined)
        f.setError(path as Path<T>, { type: 'server', message: detail.message })
      else leftover.push(`${detail.path ?? detail.instancePath ?? ''} ${detail.message}`.trim())
    }
    if (leftover.length) f.setError('root.server', { type: 'server', message: leftover.join('; ') })
    else
      f.setError('root.server', { type: 'server', message: 'Not saved: correct the fields marked in red.' })
  } else {
    f.setError('root.server', { type: 'server', message: describeError(error) })
  }
  return true
}

/** The form-level result: the root error after a refused submit. */
export function FormStatus() {
  const { formState } = useFormContext()
  const message = (formState.errors.root as { server?: { message?: string } } | undefined)?.server?.message
  if (!message) return null
  return (
    <div className="error" role="alert">
      {String(message)}
    </div>
  )
}

interface FieldProps {
  name: string
  label: ReactNode
  hint?: ReactNode
  className?: string
}

/** Label, control, hint and error, tied together by ids (aria-describedby, aria-invalid). */
function FieldShell(props: FieldProps & { id: string; children: ReactNode; inline?: boolean }) {
  const { formState } = useFormContext()
  const error = (get(formState.errors, props.name) as { message?: string } | undefined)?.message
  return (
    <div
      className={`field ${props.inline ? 'inline' : ''} ${error ? 'invalid' : ''} ${props.className ?? ''}`}
    >
      {!props.inline && <label htmlFor={props.id}>{props.label}</label>}
      {props.children}
      {props.inline && <label htmlFor={props.id}>{props.label}</label>}
      {props.hint && (
        <small id={`${props.id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
      {error && (
        <small id={`${props.id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  )
}

function described(id: string, hint: unknown, error: unknown) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined }
}

type InputProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>

export function TextField({ name, label, hint, className, ...input }: InputProps) {
  const id = useId()
  const { register, formState } = useFormContext()
  return (
    <FieldShell name={name} label={label} hint={hint} className={className} id={id}>
      <input id={id} {...input} {...register(name)} {...described(id, hint, get(formState.errors, name))} />
    </FieldShell>
  )
}

/** A number input whose value is a number, or undefined when blank. */
export function NumberField({ name, label, hint, className, ...input }: InputProps) {
  const id = useId()
  const { register, formState } = useFormContext()
  return (
    <FieldShell name={name} label={label} hint={hint} className={className} id={id}>
      <input
        id={id}
        type="number"
        {...input}
        {...register(name, {
          setValueAs: (v) => (v === '' || v === null || v === undefined ? undefined : Number(v)),
        })}
        {...described(id, hint, get(formState.errors, name))}
      />
    </FieldShell>
  )
}

export function TextAreaField({ name, label, hint, className, rows = 4 }: FieldProps & { rows?: number }) {
  const id = useId()
  const { register, formState } = useFormContext()
  return (
    <FieldShell name={name} label={label} hint={hint} className={className} id={id}>
      <textarea
        id={id}
        rows={rows}
        {...register(name)}
        {...described(id, hint, get(formState.errors, name))}
      />
    </FieldShell>
  )
}

export interface Option {
  value: string | number
  label: string
}

/**
 * A select bound as a controlled input, so a value set before its options arrive (a form reset
 * from loaded data while the option list still loads) shows once they do.
 */
export function SelectField({
  name,
  label,
  hint,
  className,
  options,
  blank,
  numeric,
  ...select
}: FieldProps & { options: readonly Option[]; blank?: string; numeric?: boolean } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'name'
  >) {
  const id = useId()
  const { control } = useFormContext()
  const { field, fieldState } = useController({ name, control })
  return (
    <FieldShell name={name} label={label} hint={hint} className={className} id={id}>
      <select
        id={id}
        {...select}
        name={field.name}
        ref={field.ref}
        onBlur={field.onBlur}
        value={field.value === undefined || field.value === null ? '' : String(field.value)}
        onChange={(e) => {
          const v = e.target.value
          field.onChange(numeric ? (v === '' ? undefined : Number(v)) : v)
        }}
        {...described(id, hint, fieldState.error)}
      >
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

export function CheckboxField({ name, label, hint, className }: FieldProps) {
  const id = useId()
  const { register } = useFormContext()
  return (
    <FieldShell name={name} label={label} hint={hint} className={className} id={id} inline>
      <input id={id} type="checkbox" {...register(name)} />
    </FieldShell>
  )
}
