import { useState } from 'react'
import { FormProvider } from 'react-hook-form'
import { z } from 'zod'
import { PERMISSIONS } from '../../../src/core/accounts/permissions.js'
import { api } from '../api'
import type { Credential, IssuedCredential, Items } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import {
  applyApiError,
  FormStatus,
  NumberField,
  SelectField,
  TextField,
  useZodForm,
} from '../components/form'
import { Section } from '../components/section'
import { Status } from '../components/status'
import { time } from '../format'
import { useAction, useApiQuery } from '../query'

const OWNERS = ['admin', 'source', 'buyer', 'dialler', 'cake'] as const

const NEW_KEY = z.object({
  label: z.string().trim().min(1, 'Say what the key is for').max(200),
  owner_kind: z.enum(OWNERS),
  owner_id: z.number().int().positive().optional(),
  permission: z.string(),
})

/**
 * API keys (docs/accounts.md, "API keys"): issue, rotate (the old secret keeps working for the
 * grace period) and revoke. A secret is shown once, right after it is issued or rotated.
 */
export function KeysScreen() {
  const keys = useApiQuery<Items<Credential>>('/credentials')
  const can = useCan()
  const confirm = useConfirm()
  const [secret, setSecret] = useState<IssuedCredential | null>(null)
  const rotate = useAction<Credential, IssuedCredential>({
    run: (k) => api('POST', `/credentials/${k.id}/rotate`, { grace_hours: 24 }),
    success: (_r, k) => `Key ${k.prefix}… rotated; the old secret works for 24 hours.`,
    onSuccess: setSecret,
    invalidate: [['/credentials']],
  })
  const revoke = useAction<Credential>({
    run: (k) => api('DELETE', `/credentials/${k.id}`),
    success: (_r, k) => `Key ${k.prefix}… revoked.`,
    invalidate: [['/credentials']],
  })
  const mayWrite = can('credentials:write')
  const columns: ColumnDef<Credential>[] = [
    { header: 'Label', accessorKey: 'label' },
    { header: 'Prefix', accessorKey: 'prefix', meta: { className: 'mono' } },
    {
      id: 'owner',
      header: 'Owner',
      accessorFn: (k) => (k.owner_id ? `${k.owner_kind} ${k.owner_id}` : k.owner_kind),
    },
    { id: 'permissions', header: 'Permissions', accessorFn: (k) => k.permissions.join(', ') || '—' },
    {
      id: 'state',
      header: 'State',
      accessorFn: (k) => (k.revoked_at ? 'revoked' : k.active ? 'active' : 'expired'),
      cell: (c) => <Status value={c.getValue() as string} />,
    },
    { header: 'Last used', accessorKey: 'last_used_at', cell: (c) => time(c.row.original.last_used_at) },
    { header: 'Created', accessorKey: 'created_at', cell: (c) => time(c.row.original.created_at) },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (c) => {
        const k = c.row.original
        if (!mayWrite || k.revoked_at) return null
        return (
          <div className="wrap-actions">
            <button
              type="button"
              onClick={async () => {
                if (
                  await confirm({
                    title: `Rotate key ${k.prefix}… (${k.label})?`,
                    body: 'A new secret is issued; the old one keeps working for 24 hours.',
                    confirmLabel: 'Rotate key',
                    tone: 'plain',
                  })
                )
                  rotate.mutate(k)
              }}
            >
              Rotate
            </button>
            <button
              type="button"
              className="danger"
              onClick={async () => {
                if (
                  await confirm({
                    title: `Revoke key ${k.prefix}… (${k.label})?`,
                    body: 'Every request with it is refused from now on. This cannot be undone.',
                    confirmLabel: 'Revoke key',
                  })
                )
                  revoke.mutate(k)
              }}
            >
              Revoke
            </button>
          </div>
        )
      },
    },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>API keys</h1>
      </div>
      <ErrorBanner error={keys.error} />
      {secret && <Secret issued={secret} onDone={() => setSecret(null)} />}
      <DataTable
        label="API keys"
        data={keys.data?.items}
        columns={columns}
        rowId={(k) => String(k.id)}
        loading={keys.isLoading}
      />
      {mayWrite && <IssueKey onIssued={setSecret} />}
    </div>
  )
}

function Secret({ issued, onDone }: { issued: IssuedCredential; onDone: () => void }) {
  return (
    <Section title={`Secret of “${issued.label}” — shown once`}>
      <p>Copy it now: leadflow keeps only a hash and cannot show it again.</p>
      <output className="secret" aria-label="New secret">
        {issued.secret}
      </output>
      <div className="wrap-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(issued.secret)}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </Section>
  )
}

function IssueKey({ onIssued }: { onIssued: (k: IssuedCredential) => void }) {
  const form = useZodForm(NEW_KEY, { label: '', owner_kind: 'admin', permission: 'reports:read' })
  const issue = useAction<z.output<typeof NEW_KEY>, IssuedCredential>({
    run: ({ permission, owner_id, ...body }) =>
      api('POST', '/credentials', {
        ...body,
        owner_id: owner_id ?? null,
        ...(body.owner_kind === 'admin' ? { permissions: [permission] } : {}),
      }),
    success: (k) => `Key ${k.prefix}… issued.`,
    onSuccess: (k) => {
      onIssued(k)
      form.reset()
    },
    onError: (e) => applyApiError(form, e),
    invalidate: [['/credentials']],
  })
  return (
    <Section title="Issue a key">
      <FormProvider {...form}>
        <form className="form-grid" onSubmit={form.handleSubmit((v) => issue.mutate(v))}>
          <TextField name="label" label="Label" />
          <SelectField
            name="owner_kind"
            label="Owner"
            options={OWNERS.map((o) => ({ value: o, label: o }))}
          />
          <NumberField name="owner_id" label="Owner id" hint="the source or buyer id, for those owners" />
          <SelectField
            name="permission"
            label="Permission (admin keys)"
            options={['*', ...PERMISSIONS].map((p) => ({
              value: p,
              label: p === '*' ? '* (everything)' : p,
            }))}
          />
          <FormStatus />
          <div className="actions end">
            <button type="submit" className="primary" disabled={issue.isPending}>
              Issue key
            </button>
          </div>
        </form>
      </FormProvider>
    </Section>
  )
}
