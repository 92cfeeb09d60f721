import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { FormProvider, useForm } from 'react-hook-form'
import { z } from 'zod'
import { type ApiError, api } from '../api'
import { ErrorBanner } from '../components/error-banner'
import { applyApiError, TextField } from '../components/form'

/** The token of an invitation or reset link: `/console/#/password?token=…` (docs/accounts.md). */
export function passwordToken(): string | undefined {
  const hash = window.location.hash
  if (!hash.startsWith('#/password')) return undefined
  return new URLSearchParams(hash.slice(hash.indexOf('?') + 1)).get('token') ?? undefined
}

const schema = z
  .object({
    password: z.string().min(10, 'At least 10 characters').max(200, 'At most 200 characters'),
    again: z.string(),
  })
  .refine((v) => v.password === v.again, { path: ['again'], message: 'The two passwords differ' })
type NewPassword = z.infer<typeof schema>

/** Sets the password of an invited user (or after a reset) with POST /password. */
export function SetPasswordScreen(props: { token: string; onDone: (note: string) => void }) {
  const form = useForm<NewPassword>({
    resolver: zodResolver(schema),
    defaultValues: { password: '', again: '' },
  })
  const [error, setError] = useState<ApiError>()
  const submit = form.handleSubmit(async ({ password }) => {
    setError(undefined)
    try {
      await api('POST', '/password', { token: props.token, password })
      window.history.replaceState(null, '', window.location.pathname)
      props.onDone('Password set. Sign in with it.')
    } catch (e) {
      if (!applyApiError(form, e)) setError(e as ApiError)
    }
  })
  return (
    <main className="login">
      <FormProvider {...form}>
        <form onSubmit={submit} className="panel" noValidate>
          <h1>Choose your password</h1>
          <ErrorBanner error={error} />
          <TextField name="password" label="New password" type="password" autoComplete="new-password" />
          <TextField name="again" label="New password again" type="password" autoComplete="new-password" />
          <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
            Set password
          </button>
        </form>
      </FormProvider>
    </main>
  )
}
