import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { FormProvider, useForm } from 'react-hook-form'
import { z } from 'zod'
import { ApiError, session } from '../api'
import { ErrorBanner } from '../components/error-banner'
import { TextField } from '../components/form'

const schema = z.object({
  email: z.string().trim().min(1, 'Enter your email').email('Not an email address'),
  password: z.string().min(1, 'Enter your password'),
  totp: z.string().trim().optional(),
})
type SignIn = z.infer<typeof schema>

/** Email and password (POST /session), then the two-factor code when the user has turned it on. */
export function SignInScreen(props: { notice?: string; onSignedIn: () => void }) {
  const form = useForm<SignIn>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '', totp: '' },
  })
  const [needsTotp, setNeedsTotp] = useState(false)
  const [error, setError] = useState<ApiError>()

  const submit = form.handleSubmit(async (values) => {
    setError(undefined)
    try {
      await session.signIn(values.email, values.password, needsTotp ? values.totp : undefined)
      props.onSignedIn()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'LF_TOTP_REQUIRED' && !needsTotp) setNeedsTotp(true)
      else setError(e as ApiError)
    }
  })

  return (
    <main className="login">
      <FormProvider {...form}>
        <form onSubmit={submit} className="panel" noValidate>
          <h1>leadflow console</h1>
          <p className="muted">Sign in with your email and password.</p>
          {props.notice && !error && <div className="notice">{props.notice}</div>}
          <ErrorBanner error={error} />
          <TextField name="email" label="Email" type="email" autoComplete="username" />
          <TextField name="password" label="Password" type="password" autoComplete="current-password" />
          {needsTotp && (
            <TextField
              name="totp"
              label="Two-factor code"
              inputMode="numeric"
              autoComplete="one-time-code"
              hint="The 6-digit code from your authenticator app."
            />
          )}
          <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </FormProvider>
    </main>
  )
}
