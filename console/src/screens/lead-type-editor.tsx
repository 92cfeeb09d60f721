import { useEffect } from 'react'
import { FormProvider, useFieldArray, useFormContext } from 'react-hook-form'
import { Link, useNavigate, useParams } from 'react-router'
import { z } from 'zod'
import { api } from '../api'
import type { LeadType } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { ErrorBanner } from '../components/error-banner'
import {
  applyApiError,
  CheckboxField,
  FormStatus,
  NumberField,
  SelectField,
  TextField,
  useZodForm,
} from '../components/form'
import { Section } from '../components/section'
import { CheckboxGroupField } from '../forms/checkbox-group'
import { compact, EditorActions, list, optionalInt, RemoveRow, renamer, STATUSES } from '../forms/common'
import { COMPLIANCE_CHECKS } from '../forms/contract-form'
import { useAction, useApiQuery } from '../query'

/** docs/field-types.md */
export const FIELD_TYPES = [
  'text',
  'email',
  'phone',
  'postal_code',
  'state',
  'date',
  'dob',
  'ssn',
  'ip',
  'url',
  'consent_url',
  'number',
  'boolean',
  'enum',
].map((t) => ({ value: t, label: t }))

/** docs/distribution.md, "Strategies". */
const STRATEGIES = [
  'waterfall',
  'direct',
  'ping_post',
  'price',
  'priority',
  'weighted',
  'percentage',
  'round_robin',
].map((s) => ({ value: s, label: s }))

const field = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'A letter, then letters, digits or _'),
  type: z.string(),
  required: z.boolean(),
  label: z.string().trim(),
  allowed: z.string(),
  maxLength: optionalInt,
  min: z.number().optional(),
  max: z.number().optional(),
  country: z.string().trim(),
})

const schema = z.object({
  lid: z.number({ error: 'Enter the lid' }).int().min(1, 'At least 1'),
  vertical_id: optionalInt,
  name: z.string().trim().min(1, 'Enter a name'),
  status: z.string(),
  fields: z.array(field).min(1, 'Add at least one field'),
  duplicate_rules: z.array(
    z.object({
      fields: z.string().trim().min(1, 'Name the fields'),
      windowDays: z.number().int().min(1).max(3650),
      scope: z.string(),
    }),
  ),
  strategy: z.string(),
  maxSends: optionalInt,
  qcHold: z.boolean(),
  pingTimeoutMs: optionalInt,
  orderTtlSeconds: optionalInt,
  compliance: z.object({
    checks: z.array(z.string()),
    claim: z.boolean(),
    failAction: z.enum(['block', 'record']),
    maxConsentAgeDays: optionalInt,
  }),
})
type LeadTypeForm = z.input<typeof schema>
type StoredField = {
  name: string
  type: string
  required?: boolean
  label?: string
  allowed?: string[]
  maxLength?: number
  min?: number
  max?: number
  country?: string
}

const RENAMES = renamer([
  [/^duplicate_rules\.(\d+)\.fields\.\d+$/, 'duplicate_rules.$1.fields'],
  [/^fields\.(\d+)\.allowed\.\d+$/, 'fields.$1.allowed'],
  [/^settings\.(strategy|maxSends|qcHold|pingTimeoutMs|orderTtlSeconds)$/, '$1'],
  [/^settings\.compliance\.checks(\.\d+)?$/, 'compliance.checks'],
  [/^settings\.compliance\.(claim|failAction|maxConsentAgeDays)$/, 'compliance.$1'],
])

function toForm(t: LeadType | undefined): LeadTypeForm {
  const settings = (t?.settings ?? {}) as Record<string, unknown>
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined)
  const compliance = (settings.compliance ?? {}) as Record<string, unknown>
  return {
    lid: t?.lid as number,
    vertical_id: t?.vertical_id,
    name: t?.name ?? '',
    status: t?.status ?? 'active',
    fields: ((t?.fields ?? [{ name: 'Email', type: 'email', required: true }]) as StoredField[]).map((f) => ({
      name: f.name,
      type: f.type,
      required: f.required === true,
      label: f.label ?? '',
      allowed: (f.allowed ?? []).join(', '),
      maxLength: f.maxLength,
      min: f.min,
      max: f.max,
      country: f.country ?? '',
    })),
    duplicate_rules: (
      (t?.duplicate_rules ?? []) as { fields: string[]; windowDays: number; scope?: string }[]
    ).map((r) => ({
      fields: r.fields.join(', '),
      windowDays: r.windowDays,
      scope: r.scope ?? 'all',
    })),
    strategy: typeof settings.strategy === 'string' ? settings.strategy : 'waterfall',
    maxSends: num(settings.maxSends),
    qcHold: settings.qcHold === true,
    pingTimeoutMs: num(settings.pingTimeoutMs),
    orderTtlSeconds: num(settings.orderTtlSeconds),
    compliance: {
      checks: Array.isArray(compliance.checks) ? (compliance.checks as string[]) : [],
      claim: compliance.claim === true,
      failAction: compliance.failAction === 'record' ? 'record' : 'block',
      maxConsentAgeDays: num(compliance.maxConsentAgeDays),
    },
  }
}

function toBody(f: z.output<typeof schema>, stored: LeadType | undefined, creating: boolean) {
  const known = ['strategy', 'maxSends', 'qcHold', 'pingTimeoutMs', 'orderTtlSeconds', 'compliance']
  const storedCompliance = ((stored?.settings as Record<string, unknown> | undefined)?.compliance ??
    {}) as Record<string, unknown>
  const c = f.compliance
  const compliance =
    c.checks.length || c.claim || c.failAction !== 'block' || c.maxConsentAgeDays !== undefined
      ? {
          ...Object.fromEntries(
            Object.entries(storedCompliance).filter(
              ([k]) => !['checks', 'claim', 'failAction', 'maxConsentAgeDays'].includes(k),
            ),
          ),
          checks: c.checks,
          ...(c.claim ? { claim: true } : {}),
          failAction: c.failAction,
          ...(c.maxConsentAgeDays !== undefined ? { maxConsentAgeDays: c.maxConsentAgeDays } : {}),
        }
      : undefined
  const other = Object.fromEntries(Object.entries(stored?.settings ?? {}).filter(([k]) => !known.includes(k)))
  return {
    ...(creating ? { lid: f.lid } : {}),
    ...(f.vertical_id ? { vertical_id: f.vertical_id } : {}),
    name: f.name,
    status: f.status,
    fields: f.fields.map((x) =>
      compact({
        name: x.name,
        type: x.type,
        required: x.required || undefined,
        label: x.label,
        allowed: x.type === 'enum' ? list(x.allowed) : undefined,
        maxLength: x.maxLength,
        min: x.min,
        max: x.max,
        country: x.country,
      }),
    ),
    duplicate_rules: f.duplicate_rules.map((r) => ({
      fields: list(r.fields),
      windowDays: r.windowDays,
      scope: r.scope,
    })),
    settings: {
      ...other,
      ...compact({
        strategy: f.strategy,
        maxSends: f.maxSends,
        qcHold: f.qcHold || undefined,
        pingTimeoutMs: f.pingTimeoutMs,
        orderTtlSeconds: f.orderTtlSeconds,
      }),
      ...(compliance ? { compliance } : {}),
    },
  }
}

/** Create or edit a lead type: its fields, duplicate rules and selling strategy. */
export function LeadTypeEditorScreen() {
  const lid = useParams().lid ?? 'new'
  const creating = lid === 'new'
  const canWrite = useCan()('config:write')
  const navigate = useNavigate()
  const confirm = useConfirm()
  const leadType = useApiQuery<LeadType>(`/lead-types/${lid}`, undefined, {
    enabled: !creating,
    // The form holds the operator's edits: a refetch on focus must not reset it.
    refetchOnWindowFocus: false,
  })
  const form = useZodForm(schema, toForm(undefined))
  useEffect(() => {
    if (leadType.data) form.reset(toForm(leadType.data))
  }, [leadType.data, form])
  const save = useAction<z.output<typeof schema>, LeadType>({
    run: (f) =>
      creating
        ? api('POST', '/lead-types', toBody(f, undefined, true))
        : api('PATCH', `/lead-types/${lid}`, toBody(f, leadType.data, false)),
    success: (t) => `Lead type ${t.lid} · ${t.name} ${creating ? 'created' : 'saved'}.`,
    invalidate: [['/lead-types']],
    onSuccess: (t) => {
      form.reset(toForm(t))
      if (creating) navigate(`/lead-types/${t.lid}`, { replace: true })
    },
    onError: (e) => applyApiError(form, e, RENAMES),
  })
  const remove = useAction<void>({
    run: () => api('DELETE', `/lead-types/${lid}`),
    success: `Lead type ${lid} deleted.`,
    invalidate: [['/lead-types']],
    onSuccess: () => navigate('/lead-types'),
  })
  const askDelete = async () => {
    if (
      await confirm({
        title: `Delete lead type ${lid}?`,
        body: 'A lead type that leads, campaigns or contracts use cannot be deleted: disable it instead.',
        confirmLabel: 'Delete lead type',
      })
    )
      remove.mutate()
  }
  return (
    <div className="editor">
      <div className="toolbar">
        <Link to="/lead-types">← Lead types</Link>
        <h1>{creating ? 'New lead type' : `Lead type ${lid}`}</h1>
      </div>
      <ErrorBanner error={leadType.error} />
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit((f) => save.mutate(f))} noValidate>
          <fieldset disabled={!canWrite} className="plain">
            <Section title="Lead type">
              <div className="form-grid">
                <NumberField
                  name="lid"
                  label="LID"
                  min={1}
                  disabled={!creating}
                  hint="The number sources post it as (LeadExec lid)."
                />
                <TextField name="name" label="Name" />
                <SelectField name="status" label="Status" options={STATUSES} />
                <NumberField
                  name="vertical_id"
                  label="Vertical id"
                  min={1}
                  hint="CAKE's vertical; the lid when blank."
                />
              </div>
            </Section>
            <FieldsEditor />
            <DuplicateRulesEditor />
            <Section title="Selling">
              <div className="form-grid">
                <SelectField name="strategy" label="Strategy" options={STRATEGIES} />
                <NumberField
                  name="maxSends"
                  label="Most buyers per lead"
                  min={1}
                  hint="1 sells each lead exclusively."
                />
                <NumberField name="pingTimeoutMs" label="Ping deadline (ms)" min={1} max={60000} />
                <NumberField name="orderTtlSeconds" label="Ping order lifetime (s)" min={1} />
                <CheckboxField name="qcHold" label="Hold every lead for QC review" />
              </div>
            </Section>
            <Section title="Compliance">
              <div className="form-grid">
                <CheckboxGroupField
                  name="compliance.checks"
                  legend="Checks before a lead is offered"
                  options={COMPLIANCE_CHECKS.map((c) => ({ value: c, label: c }))}
                  hint="docs/compliance.md: consent certificates (TrustedForm, Jornaya), DNC and litigator lists."
                />
                <SelectField
                  name="compliance.failAction"
                  label="When a check fails"
                  options={[
                    { value: 'block', label: 'block the sale' },
                    { value: 'record', label: 'record it; contract filters decide' },
                  ]}
                />
                <NumberField
                  name="compliance.maxConsentAgeDays"
                  label="Max consent age (days)"
                  min={1}
                  max={3650}
                  hint="blank: no limit"
                />
                <CheckboxField name="compliance.claim" label="Claim (retain) consent certificates" />
              </div>
            </Section>
          </fieldset>
          <FormStatus />
          <EditorActions
            canWrite={canWrite}
            creating={creating}
            saving={save.isPending}
            onDelete={askDelete}
            deleting={remove.isPending}
          />
        </form>
      </FormProvider>
    </div>
  )
}

function FieldsEditor() {
  const { control, watch, formState } = useFormContext<LeadTypeForm>()
  const rows = useFieldArray({ control, name: 'fields' })
  const rootError = formState.errors.fields?.root?.message ?? formState.errors.fields?.message
  return (
    <Section title="Fields">
      <fieldset className="rows">
        <legend className="sr-only">Fields</legend>
        {rootError && <p className="field-error">{rootError}</p>}
        {rows.fields.map((row, i) => (
          <div key={row.id} className="row-line">
            <TextField name={`fields.${i}.name`} label="Name" />
            <SelectField name={`fields.${i}.type`} label="Type" options={FIELD_TYPES} />
            <CheckboxField name={`fields.${i}.required`} label="Required" />
            <TextField name={`fields.${i}.label`} label="Label" />
            {watch(`fields.${i}.type`) === 'enum' && (
              <TextField name={`fields.${i}.allowed`} label="Allowed values (comma-separated)" />
            )}
            {watch(`fields.${i}.type`) === 'text' && (
              <NumberField name={`fields.${i}.maxLength`} label="Max length" min={1} />
            )}
            {watch(`fields.${i}.type`) === 'number' && (
              <>
                <NumberField name={`fields.${i}.min`} label="Min" />
                <NumberField name={`fields.${i}.max`} label="Max" />
              </>
            )}
            {watch(`fields.${i}.type`) === 'phone' && (
              <TextField name={`fields.${i}.country`} label="Country" placeholder="US" />
            )}
            <RemoveRow what="field" index={i} onRemove={() => rows.remove(i)} />
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            rows.append({
              name: '',
              type: 'text',
              required: false,
              label: '',
              allowed: '',
              maxLength: undefined,
              min: undefined,
              max: undefined,
              country: '',
            })
          }
        >
          Add a field
        </button>
      </fieldset>
    </Section>
  )
}

function DuplicateRulesEditor() {
  const { control } = useFormContext<LeadTypeForm>()
  const rows = useFieldArray({ control, name: 'duplicate_rules' })
  return (
    <Section title="Duplicate rules">
      <fieldset className="rows">
        <legend className="sr-only">Duplicate rules</legend>
        {rows.fields.length === 0 && <p className="muted small">No rules: every lead is new.</p>}
        {rows.fields.map((row, i) => (
          <div key={row.id} className="row-line">
            <TextField name={`duplicate_rules.${i}.fields`} label="Same values of (comma-separated fields)" />
            <NumberField name={`duplicate_rules.${i}.windowDays`} label="Within days" min={1} max={3650} />
            <SelectField
              name={`duplicate_rules.${i}.scope`}
              label="From"
              options={[
                { value: 'all', label: 'any source' },
                { value: 'source', label: 'the same source' },
              ]}
            />
            <RemoveRow what="rule" index={i} onRemove={() => rows.remove(i)} />
          </div>
        ))}
        <button type="button" onClick={() => rows.append({ fields: '', windowDays: 30, scope: 'all' })}>
          Add a duplicate rule
        </button>
      </fieldset>
    </Section>
  )
}
