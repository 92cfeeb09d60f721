import { useEffect, useState } from 'react'
import { FormProvider } from 'react-hook-form'
import { z } from 'zod'
import { api } from '../api'
import type { Items, LeadType, RedistributionRule, Source } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { type ColumnDef, DataTable } from '../components/data-table'
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
import { Status } from '../components/status'
import { CheckboxGroupField } from '../forms/checkbox-group'
import { useAction, useApiQuery } from '../query'

/** The lead states a rule re-offers (OFFER_STATUSES in core/redistribution/redistribution-rule.ts). */
const STATUSES = [
  { value: 'unsold', label: 'unsold' },
  { value: 'returned', label: 'returned' },
]

const RULE = z.object({
  name: z.string().trim().min(1, 'Name the rule'),
  active: z.boolean(),
  lid: z.number().int().optional(),
  vid: z.number().int().optional(),
  statuses: z.array(z.string()).min(1, 'Choose unsold, returned or both'),
  after_minutes: z.number({ error: 'Minutes after the lead went unsold or was returned' }).int(),
  max_attempts: z.number({ error: 'How many offers at most' }).int(),
  max_consent_age_days: z.number().int().optional(),
})
type RuleForm = z.input<typeof RULE>

const BLANK: RuleForm = {
  name: '',
  active: true,
  statuses: ['unsold'],
  after_minutes: 60,
  max_attempts: 3,
}

function toForm(r: RedistributionRule): RuleForm {
  return {
    name: r.name,
    active: r.active,
    lid: r.lid ?? undefined,
    vid: r.vid ?? undefined,
    statuses: r.statuses,
    after_minutes: r.after_minutes,
    max_attempts: r.max_attempts,
    max_consent_age_days: r.max_consent_age_days ?? undefined,
  }
}

function toApi(f: z.output<typeof RULE>) {
  return {
    ...f,
    lid: f.lid ?? null,
    vid: f.vid ?? null,
    max_consent_age_days: f.max_consent_age_days ?? null,
  }
}

/**
 * Re-distribution rules (docs/distribution.md, "Re-distribution"): leads that went unsold or
 * were returned are offered again to aged-lead contracts after a delay, a number of times.
 */
export function RedistributionScreen() {
  const mayWrite = useCan()('config:write')
  const confirm = useConfirm()
  const rules = useApiQuery<Items<RedistributionRule>>('/redistribution-rules')
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const sources = useApiQuery<Items<Source>>('/sources')
  const [editing, setEditing] = useState<RedistributionRule | null>(null)
  const typeName = (lid: number | null) =>
    lid === null ? 'any' : (types.data?.items.find((t) => t.lid === lid)?.name ?? `lid ${lid}`)
  const sourceName = (vid: number | null) =>
    vid === null ? 'any' : (sources.data?.items.find((s) => s.vid === vid)?.name ?? `vid ${vid}`)
  const remove = useAction<RedistributionRule>({
    run: (r) => api('DELETE', `/redistribution-rules/${r.id}`),
    success: (_x, r) => `Re-distribution rule ${r.name} deleted.`,
    onSuccess: (_x, r) => setEditing((e) => (e?.id === r.id ? null : e)),
    invalidate: [['/redistribution-rules']],
  })
  const columns: ColumnDef<RedistributionRule>[] = [
    { header: 'Name', accessorKey: 'name' },
    {
      id: 'active',
      header: 'State',
      accessorFn: (r) => (r.active ? 'active' : 'off'),
      cell: (c) => <Status value={c.getValue() as string} />,
    },
    { id: 'type', header: 'Lead type', accessorFn: (r) => typeName(r.lid) },
    { id: 'source', header: 'Source', accessorFn: (r) => sourceName(r.vid) },
    { id: 'statuses', header: 'Leads', accessorFn: (r) => r.statuses.join(', ') },
    { header: 'After (min)', accessorKey: 'after_minutes', meta: { num: true } },
    { header: 'Max offers', accessorKey: 'max_attempts', meta: { num: true } },
    {
      id: 'consent',
      header: 'Consent age ≤ (days)',
      accessorFn: (r) => r.max_consent_age_days ?? '—',
      meta: { num: true },
    },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (c) => {
        const r = c.row.original
        if (!mayWrite) return null
        return (
          <div className="wrap-actions">
            <button type="button" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
              Edit
            </button>
            <button
              type="button"
              className="danger"
              aria-label={`Delete ${r.name}`}
              onClick={async () => {
                if (
                  await confirm({
                    title: `Delete the re-distribution rule ${r.name}?`,
                    body: 'Leads it would have offered again stay as they are.',
                    confirmLabel: 'Delete rule',
                  })
                )
                  remove.mutate(r)
              }}
            >
              Delete
            </button>
          </div>
        )
      },
    },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>Re-distribution rules</h1>
      </div>
      <p className="muted">
        Unsold or returned leads are offered again to aged-lead contracts (a contract's "Aged leads" terms)
        after the delay, at most the number of times set.
      </p>
      <ErrorBanner error={rules.error} />
      <DataTable
        label="Re-distribution rules"
        data={rules.data?.items}
        columns={columns}
        rowId={(r) => String(r.id)}
        loading={rules.isLoading}
        empty="No re-distribution rules: nothing is offered again automatically."
      />
      {mayWrite && (
        <RuleEditor
          key={editing?.id ?? 'new'}
          rule={editing}
          onDone={() => setEditing(null)}
          types={types.data?.items ?? []}
          sources={sources.data?.items ?? []}
        />
      )}
    </div>
  )
}

function RuleEditor(props: {
  rule: RedistributionRule | null
  onDone: () => void
  types: LeadType[]
  sources: Source[]
}) {
  const { rule } = props
  const form = useZodForm(RULE, rule ? toForm(rule) : BLANK)
  useEffect(() => {
    form.reset(rule ? toForm(rule) : BLANK)
  }, [rule, form])
  const save = useAction<z.output<typeof RULE>, RedistributionRule>({
    run: (f) =>
      rule
        ? api('PATCH', `/redistribution-rules/${rule.id}`, toApi(f))
        : api('POST', '/redistribution-rules', toApi(f)),
    success: (r) => `Re-distribution rule ${r.name} ${rule ? 'saved' : 'created'}.`,
    onSuccess: () => {
      form.reset(BLANK)
      props.onDone()
    },
    onError: (e) => applyApiError(form, e, (p) => (p.startsWith('statuses') ? 'statuses' : p)),
    invalidate: [['/redistribution-rules']],
  })
  return (
    <Section title={rule ? `Edit rule ${rule.name}` : 'Add a re-distribution rule'}>
      <FormProvider {...form}>
        <form className="form-grid" onSubmit={form.handleSubmit((f) => save.mutate(f))} noValidate>
          <TextField name="name" label="Name" />
          <SelectField
            name="lid"
            label="Lead type"
            numeric
            blank="Any lead type"
            options={props.types.map((t) => ({ value: t.lid, label: t.name }))}
          />
          <SelectField
            name="vid"
            label="Source"
            numeric
            blank="Any source"
            options={props.sources.map((s) => ({ value: s.vid, label: s.name }))}
          />
          <NumberField name="after_minutes" label="After (minutes)" min={0} />
          <NumberField name="max_attempts" label="Max offers" min={1} />
          <NumberField
            name="max_consent_age_days"
            label="Max consent age (days)"
            min={1}
            hint="blank: the lead type's own limit only"
          />
          <CheckboxGroupField name="statuses" legend="Leads that are" options={STATUSES} />
          <CheckboxField name="active" label="Active" />
          <FormStatus />
          <div className="actions end wide">
            {rule && (
              <button type="button" onClick={props.onDone}>
                Cancel
              </button>
            )}
            <button type="submit" className="primary" disabled={save.isPending}>
              {rule ? 'Save rule' : 'Add rule'}
            </button>
          </div>
        </form>
      </FormProvider>
    </Section>
  )
}
