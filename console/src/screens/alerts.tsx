import { useState } from 'react'
import { FormProvider } from 'react-hook-form'
import { z } from 'zod'
import { api } from '../api'
import type { AlertRule, Items, Source } from '../api/types'
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
import { list, renamer } from '../forms/common'
import { useAction, useApiQuery } from '../query'

/** What a rule can watch (docs/webhooks.md, "Alerts"; ALERT_EVENTS in core/webhooks/alert-rules.ts). */
const KINDS = [
  ['contract.paused', 'A contract paused itself'],
  ['cap.warning', 'A cap window is 80 % used'],
  ['cap.reached', 'A cap window is full'],
  ['buyer.balance_low', "A buyer's credit is low"],
  ['source.reject_rate', 'A source is rejected too often'],
  ['source.silent', 'A source went silent'],
] as const

const whole = z.number().int('A whole number').optional()

const RULE = z.object({
  name: z.string().trim().min(1, 'Name the rule'),
  event_type: z.string(),
  emails: z.string(),
  webhook: z.boolean(),
  enabled: z.boolean(),
  source_id: z.number().int().optional(),
  window_minutes: whole,
  threshold_percent: whole,
  min_leads: whole,
})
type RuleForm = z.output<typeof RULE>

const DEFAULTS: z.input<typeof RULE> = {
  name: '',
  event_type: 'contract.paused',
  emails: '',
  webhook: false,
  enabled: true,
}

/** The API's `emails[2]` problems belong to the one comma-separated emails field. */
const RENAMES = renamer([[/^emails\.\d+$/, 'emails']])

function ruleBody(f: RuleForm) {
  const reject = f.event_type === 'source.reject_rate'
  const condition = reject || f.event_type === 'source.silent'
  return {
    name: f.name,
    event_type: f.event_type,
    emails: list(f.emails),
    webhook: f.webhook,
    enabled: f.enabled,
    ...(condition && f.source_id !== undefined ? { source_id: f.source_id } : {}),
    ...(condition && f.window_minutes !== undefined ? { window_minutes: f.window_minutes } : {}),
    ...(reject && f.threshold_percent !== undefined ? { threshold_percent: f.threshold_percent } : {}),
    ...(reject && f.min_leads !== undefined ? { min_leads: f.min_leads } : {}),
  }
}

/** PATCH /alert-rules/:id: every key, a blank or inapplicable condition key as null (cleared). */
function rulePatch(f: RuleForm) {
  const reject = f.event_type === 'source.reject_rate'
  const condition = reject || f.event_type === 'source.silent'
  return {
    name: f.name,
    event_type: f.event_type,
    emails: list(f.emails),
    webhook: f.webhook,
    enabled: f.enabled,
    source_id: condition ? (f.source_id ?? null) : null,
    window_minutes: condition ? (f.window_minutes ?? null) : null,
    threshold_percent: reject ? (f.threshold_percent ?? null) : null,
    min_leads: reject ? (f.min_leads ?? null) : null,
  }
}

function toForm(r: AlertRule): z.input<typeof RULE> {
  return {
    name: r.name,
    event_type: r.event_type,
    emails: r.emails.join(', '),
    webhook: r.webhook,
    enabled: r.enabled,
    source_id: r.source_id ?? undefined,
    window_minutes: r.window_minutes ?? undefined,
    threshold_percent: r.threshold_percent ?? undefined,
    min_leads: r.min_leads ?? undefined,
  }
}

const isCondition = (kind: string) => kind === 'source.reject_rate' || kind === 'source.silent'

function condition(r: AlertRule, sourceName: (id: number) => string): string {
  const where = r.source_id ? sourceName(r.source_id) : 'every source'
  if (r.event_type === 'source.reject_rate')
    return `${where}: ≥ ${r.threshold_percent} % rejected in ${r.window_minutes} min (at least ${r.min_leads} leads)`
  if (r.event_type === 'source.silent') return `${where}: no lead for ${r.window_minutes} min`
  return ''
}

/**
 * Alert rules (docs/webhooks.md, "Alerts"): an email and/or an `alert.triggered` webhook when a
 * contract pauses, a cap fills, a buyer runs low, or a source is rejected too often or goes silent.
 */
export function AlertsScreen() {
  const can = useCan()
  const mayWrite = can('alerts:write')
  const confirm = useConfirm()
  const rules = useApiQuery<Items<AlertRule>>('/alert-rules')
  const sources = useApiQuery<Items<Source>>('/sources', undefined, { enabled: can('config:read') })
  const sourceName = (id: number) => sources.data?.items.find((s) => s.id === id)?.name ?? `source ${id}`
  const [editing, setEditing] = useState<AlertRule | null>(null)
  const remove = useAction<AlertRule>({
    run: (r) => api('DELETE', `/alert-rules/${r.id}`),
    success: (_x, r) => `Alert rule ${r.name} deleted.`,
    onSuccess: (_x, r) => setEditing((e) => (e?.id === r.id ? null : e)),
    invalidate: [['/alert-rules']],
  })
  const columns: ColumnDef<AlertRule>[] = [
    { header: 'Name', accessorKey: 'name' },
    {
      header: 'When',
      accessorKey: 'event_type',
      cell: (c) => (
        <>
          <span className="mono">{c.row.original.event_type}</span>
          {isCondition(c.row.original.event_type) && (
            <div className="muted small">{condition(c.row.original, sourceName)}</div>
          )}
        </>
      ),
    },
    {
      id: 'targets',
      header: 'Sends to',
      accessorFn: (r) => [...r.emails, ...(r.webhook ? ['webhook (alert.triggered)'] : [])].join(', ') || '—',
    },
    {
      id: 'state',
      header: 'State',
      accessorFn: (r) => (r.enabled ? 'enabled' : 'disabled'),
      cell: (c) => <Status value={c.getValue() as string} />,
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
                    title: `Delete the alert rule ${r.name}?`,
                    body: 'Nobody is alerted by it any more.',
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
        <h1>Alert rules</h1>
      </div>
      <ErrorBanner error={rules.error} />
      <DataTable
        label="Alert rules"
        data={rules.data?.items}
        columns={columns}
        rowId={(r) => String(r.id)}
        loading={rules.isLoading}
        empty="No alert rules yet."
      />
      {mayWrite && (
        <RuleEditor
          key={editing?.id ?? 'new'}
          rule={editing}
          onDone={() => setEditing(null)}
          sources={sources.data?.items ?? []}
        />
      )}
    </div>
  )
}

function RuleEditor({
  rule,
  onDone,
  sources,
}: {
  rule: AlertRule | null
  onDone: () => void
  sources: Source[]
}) {
  const form = useZodForm(RULE, rule ? toForm(rule) : DEFAULTS)
  const kind = form.watch('event_type')
  const create = useAction<RuleForm, AlertRule>({
    run: (f) =>
      rule ? api('PATCH', `/alert-rules/${rule.id}`, rulePatch(f)) : api('POST', '/alert-rules', ruleBody(f)),
    success: (r) => `Alert rule ${r.name} ${rule ? 'saved' : 'created'}.`,
    onSuccess: () => {
      form.reset(DEFAULTS)
      onDone()
    },
    onError: (e) => applyApiError(form, e, RENAMES),
    invalidate: [['/alert-rules']],
  })
  const isCondition = kind === 'source.reject_rate' || kind === 'source.silent'
  return (
    <Section title={rule ? `Edit rule ${rule.name}` : 'Add an alert rule'}>
      <FormProvider {...form}>
        <form className="form-grid" onSubmit={form.handleSubmit((f) => create.mutate(f))} noValidate>
          <TextField name="name" label="Name" />
          <SelectField
            name="event_type"
            label="When"
            options={KINDS.map(([value, label]) => ({ value, label: `${label} (${value})` }))}
          />
          <TextField
            name="emails"
            label="Email to"
            placeholder="ops@example.com, quality@example.com"
            hint="Comma-separated; blank for none"
          />
          {isCondition && (
            <SelectField
              name="source_id"
              label="Source"
              numeric
              blank="Every active source"
              options={sources.map((s) => ({ value: s.id, label: s.name }))}
            />
          )}
          {isCondition && (
            <NumberField
              name="window_minutes"
              label={kind === 'source.silent' ? 'Silent for (minutes)' : 'Window (minutes)'}
              min={1}
            />
          )}
          {kind === 'source.reject_rate' && (
            <NumberField name="threshold_percent" label="Rejected at least (%)" min={1} />
          )}
          {kind === 'source.reject_rate' && (
            <NumberField name="min_leads" label="Over at least (leads)" hint="default 10" min={1} />
          )}
          <CheckboxField name="webhook" label="Also send an alert.triggered webhook" />
          <CheckboxField name="enabled" label="Enabled" />
          <FormStatus />
          <div className="actions end wide">
            {rule && (
              <button type="button" onClick={onDone}>
                Cancel
              </button>
            )}
            <button type="submit" className="primary" disabled={create.isPending}>
              {rule ? 'Save rule' : 'Add rule'}
            </button>
          </div>
        </form>
      </FormProvider>
    </Section>
  )
}
