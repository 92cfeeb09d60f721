import { QueryClientProvider } from '@tanstack/react-query'
import { BrowserRouter, Navigate, Route, Routes } from 'react-router'
import { AuthProvider, useAuth } from './auth'
import { ConfirmProvider } from './components/confirm-dialog'
import { Layout } from './components/layout'
import { ToastProvider } from './components/toast'
import { queryClient } from './query'
import { ROUTES, type ScreenRoute } from './routes'

/** Providers (cache, results, confirmations, router, session) around the route table. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <ConfirmProvider>
          <BrowserRouter basename="/console">
            <AuthProvider>
              <Screens />
            </AuthProvider>
          </BrowserRouter>
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>
  )
}

function Screens() {
  const { can } = useAuth()
  const allowed = ROUTES.filter((r) => can(r.permission))
  const home = allowed.find((r) => r.label)
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={home ? <Navigate to={`/${home.path}`} replace /> : <NothingAllowed />} />
        {allowed.map((r) => (
          <Route key={r.path} path={r.path} element={<RouteScreen route={r} />} />
        ))}
        <Route path="*" element={<NotHere />} />
      </Route>
    </Routes>
  )
}

function RouteScreen({ route }: { route: ScreenRoute }) {
  const Screen = route.screen
  return <Screen />
}

function NotHere() {
  return <p className="empty">There is no screen here, or your role may not open it.</p>
}

function NothingAllowed() {
  return <p className="empty">Your role has no console screens yet.</p>
}
