import { useId } from 'react'
import { get, useFormContext } from 'react-hook-form'

/**
 * A set of checkboxes holding one array of strings (`event_types`, `statuses`, `checks`), with
 * the field's error (a zod rule or an API detail put there by applyApiError) under it.
 */
export function CheckboxGroupField(props: {
  name: string
  legend: string
  options: readonly { value: string; label: string }[]
  hint?: string
}) {
  const id = useId()
  const { register, formState } = useFormContext()
  const error = (get(formState.errors, props.name) as { message?: string } | undefined)?.message
  return (
    <fieldset
      className={`rows checks ${error ? 'invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && <p className="muted small">{props.hint}</p>}
      <div className="check-grid">
        {props.options.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" value={o.value} {...register(props.name)} /> {o.label}
          </label>
        ))}
      </div>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  )
}
