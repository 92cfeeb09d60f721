import type { ConsentToken, ConsentVerifier, ProviderAnswer } from '../../core/compliance/compliance-ports.js'
import { basicAuth, callProvider, type ProviderDeps, providerError } from './provider-call.js'

export interface TrustedFormSettings {
  /** https://cert.trustedform.com; the certificate id is appended. */
  url: string
  apiKey: string
}

const INSIGHTS = { properties: ['age_seconds', 'created_at', 'expires_at'] }

/**
 * The request body of TrustedForm's Certificate API v4 (ActiveProspect, "Certificate URL" —
 * POST https://cert.trustedform.com/<cert_id>, `Api-Version: 4.0`, basic auth `API:<key>`):
 * `insights` alone verifies and reads the certificate; `retain` (which needs `match_lead`)
 * also claims it for this account, with our lead id as its reference.
 */
function body(token: ConsentToken) {
  if (!token.claim) return { insights: INSIGHTS }
  return {
    retain: { reference: `leadflow-${token.leadId}`, vendor: 'leadflow' },
    match_lead: { email: token.email, phone: token.phone },
    insights: INSIGHTS,
  }
}

const first = (...values: unknown[]) => values.find((v) => v !== undefined && v !== null)

/** Reads v4 (`outcome`, `insights.properties`) and v3 claim answers (`age`, `expires_at`) alike. */
function facts(json: any) {
  const props = json?.insights?.properties ?? {}
  const retained = json?.retain?.results ?? {}
  return {
    ageSeconds: first(props.age_seconds, json?.age, retained.age_seconds) ?? null,
    createdAt: first(props.created_at, json?.created_at, retained.created_at) ?? null,
    expiresAt: first(props.expires_at, json?.expires_at, retained.expires_at) ?? null,
  }
}

export function createTrustedFormVerifier(
  deps: ProviderDeps,
  settings: TrustedFormSettings,
): ConsentVerifier {
  const { header, auth } = basicAuth('API', settings.apiKey)
  return {
    check: 'trustedform',
    async verify(token): Promise<ProviderAnswer> {
      const { attempt, json, call } = await callProvider(
        deps,
        {
          method: 'POST',
          // Never the URL the lead carried: our key goes only to the configured TrustedForm host.
          url: `${settings.url.replace(/\/$/, '')}/${encodeURIComponent(token.token)}`,
          headers: {
            authorization: header,
            'content-type': 'application/json',
            accept: 'application/json',
            'api-version': '4.0',
          },
          body: JSON.stringify(body(token)),
        },
        { auth },
      )
      if (attempt.status === 404)
        return { outcome: 'failed', reason: 'certificate not found', data: {}, call }
      if (attempt.class !== 'success' && !(attempt.status && attempt.status < 500 && json?.outcome))
        return providerError('TrustedForm', attempt, call)
      if (!json || typeof json !== 'object')
        return providerError('TrustedForm', attempt, call, 'answered no JSON')
      const data = facts(json)
      const expired = data.expiresAt && Date.parse(String(data.expiresAt)) < deps.clock.now().getTime()
      const ok = (json.outcome ?? (attempt.class === 'success' ? 'success' : 'failure')) === 'success'
      if (!ok) return { outcome: 'failed', reason: String(json.reason ?? 'certificate refused'), data, call }
      if (expired) return { outcome: 'failed', reason: `certificate expired ${data.expiresAt}`, data, call }
      return { outcome: token.claim ? 'claimed' : 'verified', reason: null, data, call }
    },
  }
}
