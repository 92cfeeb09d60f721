import type { ComplianceSettings } from '../../config.js'
import type { ComplianceProviders } from '../../core/compliance/compliance-ports.js'
import type { Clock, HttpClient } from '../../core/ports.js'
import { createJornayaVerifier } from './jornaya-verifier.js'
import { createLitigatorScrubber } from './litigator-scrubber.js'
import { createTrustedFormVerifier } from './trustedform-verifier.js'

/** The providers the operator gave credentials for (docs/compliance.md, "Providers"). */
export function createComplianceProviders(
  settings: ComplianceSettings,
  http: HttpClient,
  clock: Clock,
): ComplianceProviders {
  const deps = { http, clock, timeoutMs: settings.timeoutMs }
  const { trustedform, jornaya, scrub } = settings
  return {
    trustedform: trustedform.apiKey
      ? createTrustedFormVerifier(deps, { url: trustedform.url, apiKey: trustedform.apiKey })
      : undefined,
    jornaya: jornaya.lac
      ? createJornayaVerifier(deps, {
          url: jornaya.url,
          lac: jornaya.lac,
          lak: jornaya.lak,
          lpc: jornaya.lpc,
        })
      : undefined,
    scrubber:
      scrub.username && scrub.password
        ? createLitigatorScrubber(deps, {
            url: scrub.url,
            username: scrub.username,
            password: scrub.password,
          })
        : undefined,
  }
}
