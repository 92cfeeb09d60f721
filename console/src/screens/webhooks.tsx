import { useState } from 'react'
import { FormProvider } from 'react-hook-form'
import { z } from 'zod'
import { api } from '../api'
import type {
  Buyer,
  CreatedWebhook,
  Items,
  RotatedSecret,
  Source,
  WebhookDelivery,
  WebhookEndpoint,
} from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { applyApiError, FormStatus, SelectField, TextField, useZodForm } from '../components/form'
import { Section } from '../components/section'
import { Status } from '../components/status'
import { time } from '../format'
import { CheckboxGroupField } from '../forms/checkbox-group'
import { useAction, useApiQuery } from '../query'

/** The events an endpoint may subscribe to (docs/webhooks.md, "Events"; WEBHOOK_EVENT_TYPES). */
export const WEBHOOK_EVENTS = [
  'lead.accepted',
  'lead.rejected',
  'lead.sold',
  'lead.unsold',
  'return.requested',
  'return.decided',
  'conversion.recorded',
  'contract.paused',
  'cap.warning',
  'cap.reached',
  'buyer.balance_low',
  'alert.triggered',
] as const

const NEW_ENDPOINT = z.object({
  url: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/i, 'An http(s) URL, e.g. https://example.com/hooks/leadflow'),
  description: z.string().trim().max(500),
  event_types: z.array(z.string()).min(1, 'Choose at least one event'),
  scope: z.string(),
})

interface ShownSecret {
  url: string
  secret: string
  note: string
}

/**
 * Webhook endpoints (docs/webhooks.md): register one, see its signing secret once, rotate it,
 * switch it off and on, delete it, and read each endpoint's delivery log with a Replay button.
 */
export function WebhooksScreen() {
  const can = useCan()
  const mayWrite = can('webhooks:write')
  const confirm = useConfirm()
  const endpoints = useApiQuery<Items<WebhookEndpoint>>('/webhooks', undefined, { everyMs: 15_000 })
  const [secret, setSecret] = useState<ShownSecret | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  const toggle = useAction<WebhookEndpoint, WebhookEndpoint>({
    run: (e) => api('PATCH', `/webhooks/${e.id}`, { enabled: !e.enabled }),
    success: (e) => `${e.url} ${e.enabled ? 'enabled' : 'disabled'}.`,
    invalidate: [['/webhooks']],
  })
  const rotate = useAction<WebhookEndpoint, RotatedSecret>({
    run: (e) => api('POST', `/webhooks/${e.id}/rotate-secret`),
    success: (_r, e) => `Secret of ${e.url} rotated.`,
    onSuccess: (r, e) =>
      setSecret({
        url: e.url,
        secret: r.secret,
        note: `The old secret keeps signing beside it until ${time(r.previous_secret_expires_at)}.`,
      }),
    invalidate: [['/webhooks']],
  })
  const remove = useAction<WebhookEndpoint>({
    run: (e) => api('DELETE', `/webhooks/${e.id}`),
    success: (_r, e) => `${e.url} deleted.`,
    onSuccess: (_r, e) => setOpen((o) => (o === e.id ? null : o)),
    invalidate: [['/webhooks']],
  })
  const columns: ColumnDef<WebhookEndpoint>[] = [
    { header: 'URL', accessorKey: 'url', meta: { className: 'mono' } },
    { header: 'Description', accessorKey: 'description', cell: (c) => c.row.original.description || '—' },
    { id: 'events', header: 'Events', accessorFn: (e) => e.event_types.join(', ') },
    {
      id: 'scope',
      header: 'Partner',
      accessorFn: (e) => (e.buyer_id ? `buyer ${e.buyer_id}` : e.source_id ? `source ${e.source_id}` : 'all'),
    },
    {
      id: 'state',
      header: 'State',
      accessorFn: (e) => (e.enabled ? 'enabled' : 'disabled'),
      cell: (c) => (
        <span title={c.row.original.disabled_reason ?? undefined}>
          <Status value={c.getValue() as string} />
        </span>
      ),
    },
    { header: 'Failures', accessorKey: 'consecutive_failures', meta: { num: true } },
    { header: 'Created', accessorKey: 'created_at', cell: (c) => time(c.row.original.created_at) },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (c) => {
        const e = c.row.original
        return (
          <div className="wrap-actions">
            <button type="button" onClick={() => setOpen(open === e.id ? null : e.id)}>
              {open === e.id ? 'Hide deliveries' : 'Deliveries'}
            </button>
            {mayWrite && (
              <>
                <button type="button" disabled={toggle.isPending} onClick={() => toggle.mutate(e)}>
                  {e.enabled ? 'Disable' : 'Enable'}
                </button>
                <button
                  type="button"
                  onClick={async () => {
                    if (
                      await confirm({
                        title: `Rotate the secret of ${e.url}?`,
                        body: 'A new secret signs every delivery from now on; the old one signs beside it for 24 hours.',
                        confirmLabel: 'Rotate secret',
                        tone: 'plain',
                      })
                    )
                      rotate.mutate(e)
                  }}
                >
                  Rotate secret
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={async () => {
                    if (
                      await confirm({
                        title: `Delete the endpoint ${e.url}?`,
                        body: 'Its delivery log goes with it; nothing more is sent there.',
                        confirmLabel: 'Delete endpoint',
                      })
                    )
                      remove.mutate(e)
                  }}
                >
                  Delete
                </button>
              </>
            )}
          </div>
        )
      },
    },
  ]
  const opened = endpoints.data?.items.find((e) => e.id === open)
  return (
    <div>
      <div className="toolbar">
        <h1>Webhooks</h1>
      </div>
      <ErrorBanner error={endpoints.error} />
      {secret && <SecretBox shown={secret} onDone={() => setSecret(null)} />}
      <DataTable
        label="Webhook endpoints"
        data={endpoints.data?.items}
        columns={columns}
        rowId={(e) => String(e.id)}
        loading={endpoints.isLoading}
        empty="No endpoints yet."
      />
      {opened && <Deliveries endpoint={opened} mayWrite={mayWrite} />}
      {mayWrite && (
        <NewEndpoint
          onCreated={(e) =>
            setSecret({
              url: e.url,
              secret: e.secret,
              note: 'It signs every delivery (webhook-signature, docs/webhooks.md "Verifying a delivery").',
            })
          }
        />
      )}
    </div>
  )
}

function SecretBox({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  return (
    <Section title={`Signing secret of ${shown.url} — shown once`}>
      <p>Copy it now: leadflow cannot show it again. {shown.note}</p>
      <output className="secret" aria-label="Signing secret">
        {shown.secret}
      </output>
      <div className="wrap-actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(shown.secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </Section>
  )
}

function lastAttempt(d: WebhookDelivery): string {
  const a = d.log[d.log.length - 1]
  if (!a) return '—'
  return [a.status_code ?? a.outcome, a.reason].filter(Boolean).join(' — ')
}

function Deliveries({ endpoint, mayWrite }: { endpoint: WebhookEndpoint; mayWrite: boolean }) {
  const path = `/webhooks/${endpoint.id}/deliveries`
  const deliveries = useApiQuery<Items<WebhookDelivery>>(path, undefined, {
    // Faster while a delivery is still being attempted.
    everyMs: (data) => (data?.items.some((d) => d.status === 'pending') ? 2_000 : 10_000),
  })
  const replay = useAction<WebhookDelivery>({
    run: (d) => api('POST', `/webhooks/${endpoint.id}/deliveries/${d.id}/replay`),
    success: (_r, d) => `Delivery ${d.message_id} queued again.`,
    invalidate: [[path]],
  })
  const columns: ColumnDef<WebhookDelivery>[] = [
    { header: 'Event', accessorKey: 'event_type' },
    { header: 'Message', accessorKey: 'message_id', meta: { className: 'mono' } },
    { header: 'Status', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
    { header: 'Attempts', accessorKey: 'attempts', meta: { num: true } },
    { id: 'last', header: 'Last answer', accessorFn: lastAttempt },
    { header: 'Updated', accessorKey: 'updated_at', cell: (c) => time(c.row.original.updated_at) },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (c) =>
        mayWrite && (
          <button
            type="button"
            disabled={replay.isPending}
            onClick={() => replay.mutate(c.row.original)}
            aria-label={`Replay ${c.row.original.message_id}`}
          >
            Replay
          </button>
        ),
    },
  ]
  return (
    <Section title={`Deliveries to ${endpoint.url}`}>
      <ErrorBanner error={deliveries.error} />
      <DataTable
        label="Deliveries"
        data={deliveries.data?.items}
        columns={columns}
        rowId={(d) => String(d.id)}
        loading={deliveries.isLoading}
        empty="Nothing sent to this endpoint yet."
      />
    </Section>
  )
}

function NewEndpoint({ onCreated }: { onCreated: (e: CreatedWebhook) => void }) {
  const mayReadConfig = useCan()('config:read')
  const buyers = useApiQuery<Items<Buyer>>('/buyers', undefined, { enabled: mayReadConfig })
  const sources = useApiQuery<Items<Source>>('/sources', undefined, { enabled: mayReadConfig })
  const form = useZodForm(NEW_ENDPOINT, {
    url: '',
    description: '',
    event_types: [],
    scope: '',
  })
  const create = useAction<z.output<typeof NEW_ENDPOINT>, CreatedWebhook>({
    run: ({ scope, description, ...body }) => {
      const [kind, id] = scope.split(':')
      return api('POST', '/webhooks', {
        ...body,
        ...(description ? { description } : {}),
        ...(kind === 'buyer' ? { buyer_id: Number(id) } : {}),
        ...(kind === 'source' ? { source_id: Number(id) } : {}),
      })
    },
    success: (e) => `Endpoint ${e.url} registered.`,
    onSuccess: (e) => {
      onCreated(e)
      form.reset()
    },
    onError: (e) => applyApiError(form, e, (p) => (p.startsWith('event_types') ? 'event_types' : p)),
    invalidate: [['/webhooks']],
  })
  const scopes = [
    ...(buyers.data?.items ?? []).map((b) => ({ value: `buyer:${b.id}`, label: `Buyer: ${b.name}` })),
    ...(sources.data?.items ?? []).map((s) => ({ value: `source:${s.id}`, label: `Source: ${s.name}` })),
  ]
  return (
    <Section title="Add an endpoint">
      <FormProvider {...form}>
        <form className="form-grid" onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate>
          <TextField name="url" label="URL" placeholder="https://example.com/hooks/leadflow" />
          <TextField name="description" label="Description" />
          <SelectField
            name="scope"
            label="Partner"
            blank="None (operator)"
            options={scopes}
            hint="A partner's endpoint receives only the events that name that buyer or source."
          />
          <CheckboxGroupField
            name="event_types"
            legend="Events"
            options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: e }))}
          />
          <FormStatus />
          <div className="actions end wide">
            <button type="submit" className="primary" disabled={create.isPending}>
              Add endpoint
            </button>
          </div>
        </form>
      </FormProvider>
    </Section>
  )
}
