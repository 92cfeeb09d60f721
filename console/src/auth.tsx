import { useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { Permission } from '../../src/core/accounts/permissions.js'
import { ApiError, get, onUnauthorized, session } from './api'
import type { Me } from './api/types'
import { passwordToken, SetPasswordScreen } from './screens/set-password'
import { SignInScreen } from './screens/sign-in'

export type { Permission }

export interface Auth {
  me: Me
  /** Whether the signed-in caller holds `permission` (its role's list, from GET /me). */
  can: (permission: Permission | 'signed-in') => boolean
  signOut: () => Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

/**
 * Who is signed in, from GET /me. Until there is a session the sign-in screen stands in for the
 * whole app (the address is kept, so a deep link opens after sign-in); any 401 from the API
 * comes back here with a note. Invitation and reset links (`#/password?token=`) open the
 * set-password screen without a session.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient()
  const [notice, setNotice] = useState<string>()
  const [token, setToken] = useState(passwordToken)
  const [hasCookie, setHasCookie] = useState(session.active)
  const me = useQuery<Me, ApiError>({
    queryKey: ['/me'],
    queryFn: () => get<Me>('/me'),
    enabled: hasCookie,
    staleTime: 60_000,
    // Only a 401 means "signed out" (the API client reports it, below); a busy or restarting
    // server (5xx, network) is asked again rather than sending the operator back to sign-in.
    retry: (_count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 10_000),
  })

  const ended = useCallback(
    (note?: string) => {
      session.clear()
      client.clear()
      setHasCookie(false)
      setNotice(note)
    },
    [client],
  )
  useEffect(() => onUnauthorized(() => ended('Your session ended (401). Sign in again.')), [ended])

  const auth = useMemo<Auth | null>(() => {
    if (!me.data || !hasCookie) return null
    const held = new Set(me.data.permissions)
    return {
      me: me.data,
      can: (p) => p === 'signed-in' || held.has(p),
      signOut: async () => {
        await session.signOut()
        ended('Signed out.')
      },
    }
  }, [me.data, hasCookie, ended])

  if (token)
    return (
      <SetPasswordScreen
        token={token}
        onDone={(note) => {
          setToken(undefined)
          setNotice(note)
        }}
      />
    )
  if (!hasCookie || (me.isError && me.error instanceof ApiError && me.error.status < 500)) {
    return (
      <SignInScreen
        notice={notice}
        onSignedIn={() => {
          setNotice(undefined)
          client.clear()
          setHasCookie(true)
          void me.refetch()
        }}
      />
    )
  }
  if (!auth) return <p className="loading-page">Loading…</p>
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth outside AuthProvider')
  return auth
}

/** `const can = useCan(); can('config:write') && <button…>` — hide what the role may not do. */
export function useCan(): Auth['can'] {
  return useAuth().can
}

/** Renders its children only when the caller holds `permission`. */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan()(permission) ? children : null
}
