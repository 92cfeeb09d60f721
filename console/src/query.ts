import {
  QueryClient,
  type QueryKey,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { ApiError, get, type Query } from './api'
import { useToast } from './components/toast'

/**
 * One cache for the whole console. A 4xx is an answer, not a hiccup: it is not retried (a 401
 * sends the tab back to sign-in through api.ts); network faults and 5xx are retried twice.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
})

/**
 * GET `path` (below /api/v1) through the cache. The key is the path and query, so two screens
 * reading `/buyers` share one request; `invalidate(['/buyers'])` refreshes every view of it.
 * `everyMs` polls only while the tab is visible (TanStack Query's default).
 */
export function useApiQuery<T>(
  path: string,
  query?: Query,
  options: {
    /** Poll period in ms, or a function of the current data (e.g. faster while a lead settles). */
    everyMs?: number | ((data: T | undefined) => number | false)
    enabled?: boolean
  } & Partial<Pick<UseQueryOptions<T, ApiError>, 'placeholderData' | 'refetchOnWindowFocus'>> = {},
) {
  const { everyMs, ...rest } = options
  return useQuery<T, ApiError>({
    queryKey: query ? [path, query] : [path],
    queryFn: () => get<T>(path, query),
    refetchInterval: typeof everyMs === 'function' ? (q) => everyMs(q.state.data) : everyMs,
    ...rest,
  })
}

export interface ActionOptions<V, R> {
  /** The call: usually `(v) => api('POST', '/things', v)`. */
  run: (vars: V) => Promise<R>
  /** The sentence the toast shows when it worked. */
  success: string | ((result: R, vars: V) => string)
  /** Query keys (paths) whose data this action changes; they are refetched after it. */
  invalidate?: QueryKey[]
  onSuccess?: (result: R, vars: V) => void
  /** Called with the ApiError instead of the error toast, e.g. to put LF_VALIDATION on the fields. */
  onError?: (error: ApiError, vars: V) => void
}

/**
 * A state-changing call with a visible result: a toast saying what happened (or the error's
 * code and message), and the affected queries refetched.
 */
export function useAction<V = void, R = unknown>(options: ActionOptions<V, R>) {
  const client = useQueryClient()
  const toast = useToast()
  return useMutation<R, ApiError, V>({
    mutationFn: options.run,
    onSuccess: async (result, vars) => {
      const text = typeof options.success === 'function' ? options.success(result, vars) : options.success
      toast.good(text)
      options.onSuccess?.(result, vars)
      await Promise.all((options.invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })))
    },
    onError: (error, vars) => {
      if (options.onError) options.onError(error, vars)
      else toast.error(error)
    },
  })
}
