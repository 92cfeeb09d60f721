/**
 * Ports the core depends on. Adapters live in storage/, outbound/ and jobs/; tests pass their own
 * clock. Domain-specific storage ports live beside their domain (e.g. core/intake/intake-store.ts).
 */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export interface OutboundRequest {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
  followRedirects?: boolean
  /** Skip the private-address guard (only for operator-allowed targets, e.g. the sandbox). */
  allowPrivate?: boolean
  signal?: AbortSignal
}

export interface OutboundResponse {
  status: number
  headers: Record<string, string>
  body: string
  durationMs: number
}

/** HTTP client port; never throws for an HTTP status, throws an Error with a cause for transport failures. */
export interface HttpClient {
  request(request: OutboundRequest): Promise<OutboundResponse>
}

export type { EnqueueOptions, JobSpec } from './jobs/job-spec.js'
