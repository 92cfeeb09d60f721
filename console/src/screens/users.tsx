import { useState } from 'react'
import { FormProvider } from 'react-hook-form'
import { z } from 'zod'
import { ROLES } from '../../../src/core/accounts/roles.js'
import { api } from '../api'
import type { InviteLink, Items, User } from '../api/types'
import { useAuth, useCan } from '../auth'
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

const INVITE = z.object({
  email: z.string().trim().email('Give an email address'),
  name: z.string().trim().max(200).optional(),
  role: z.enum(ROLES),
  buyer_id: z.number().int().positive().optional(),
  source_id: z.number().int().positive().optional(),
})

/**
 * People who sign in to the console (docs/accounts.md): invite (a one-time link, emailed when SMTP
 * is set), change a role, disable or enable. Owners only change owners.
 */
export function UsersScreen() {
  const users = useApiQuery<Items<User>>('/users')
  const can = useCan()
  const { me } = useAuth()
  const confirm = useConfirm()
  const [link, setLink] = useState<InviteLink | null>(null)
  const update = useAction<{ user: User; change: { role?: string; status?: string } }, User>({
    run: ({ user, change }) => api('PATCH', `/users/${user.id}`, change),
    success: (u, { change }) =>
      change.role
        ? `${u.email} is now ${u.role}.`
        : `${u.email} is ${u.status === 'disabled' ? 'disabled' : 'enabled'}.`,
    invalidate: [['/users']],
  })
  const mayWrite = can('users:write')
  const columns: ColumnDef<User>[] = [
    { header: 'Email', accessorKey: 'email' },
    { header: 'Name', accessorKey: 'name' },
    {
      header: 'Role',
      accessorKey: 'role',
      cell: (c) => {
        const u = c.row.original
        if (!mayWrite || u.id === me.user?.id) return u.role
        return (
          <select
            aria-label={`Role of ${u.email}`}
            value={u.role}
            onChange={async (e) => {
              const role = e.target.value
              if (
                await confirm({
                  title: `Make ${u.email} ${role}?`,
                  confirmLabel: `Make ${role}`,
                  tone: 'plain',
                })
              )
                update.mutate({ user: u, change: { role } })
            }}
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        )
      },
    },
    { header: 'State', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
    { id: 'totp', header: '2FA', accessorFn: (u) => (u.totp_enabled ? 'on' : 'off') },
    {
      header: 'Last sign-in',
      accessorKey: 'last_sign_in_at',
      cell: (c) => time(c.row.original.last_sign_in_at),
    },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: (c) => {
        const u = c.row.original
        if (!mayWrite || u.id === me.user?.id) return null
        const disabled = u.status === 'disabled'
        return (
          <button
            type="button"
            className={disabled ? undefined : 'danger'}
            onClick={async () => {
              const ok =
                disabled ||
                (await confirm({
                  title: `Disable ${u.email}?`,
                  body: 'Their sessions end and they cannot sign in until enabled again.',
                  confirmLabel: 'Disable user',
                }))
              if (ok) update.mutate({ user: u, change: { status: disabled ? 'active' : 'disabled' } })
            }}
          >
            {disabled ? 'Enable' : 'Disable'}
          </button>
        )
      },
    },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>Users</h1>
      </div>
      <ErrorBanner error={users.error} />
      {link && (
        <Section title={`Invitation for ${link.user.email}`}>
          <p>{link.emailed ? 'Emailed. ' : 'Not emailed (no SMTP): send this one-time link yourself. '}</p>
          <output className="secret" aria-label="Invitation link">
            {link.url}
          </output>
          <button type="button" onClick={() => setLink(null)}>
            Done
          </button>
        </Section>
      )}
      <DataTable
        label="Users"
        data={users.data?.items}
        columns={columns}
        rowId={(u) => String(u.id)}
        loading={users.isLoading}
      />
      {mayWrite && <Invite onInvited={setLink} />}
    </div>
  )
}

function Invite({ onInvited }: { onInvited: (l: InviteLink) => void }) {
  const form = useZodForm(INVITE, { email: '', name: '', role: 'operator' })
  const invite = useAction<z.output<typeof INVITE>, InviteLink>({
    run: ({ name, ...body }) => api('POST', '/users', { ...body, ...(name ? { name } : {}) }),
    success: (l) => `${l.user.email} invited.`,
    onSuccess: (l) => {
      onInvited(l)
      form.reset()
    },
    onError: (e) => applyApiError(form, e),
    invalidate: [['/users']],
  })
  return (
    <Section title="Invite a user">
      <FormProvider {...form}>
        <form className="form-grid" onSubmit={form.handleSubmit((v) => invite.mutate(v))}>
          <TextField name="email" label="Email" type="email" />
          <TextField name="name" label="Name" />
          <SelectField name="role" label="Role" options={ROLES.map((r) => ({ value: r, label: r }))} />
          <NumberField name="buyer_id" label="Buyer id" hint="buyer users only" />
          <NumberField name="source_id" label="Source id" hint="seller users only" />
          <FormStatus />
          <div className="actions end">
            <button type="submit" className="primary" disabled={invite.isPending}>
              Invite
            </button>
          </div>
        </form>
      </FormProvider>
    </Section>
  )
}
