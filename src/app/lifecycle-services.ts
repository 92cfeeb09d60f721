import type { ComplianceGate } from '../core/compliance/compliance-gate.js'
import type { DistributionDeps } from '../core/distribution/distribution-run.js'
import type { Clock } from '../core/ports.js'
import { createRedistribution, type Redistribution } from '../core/redistribution/redistribution.js'
import { createRegistryImport, type RegistryImport } from '../core/suppression/registry-import.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { createRedistributionStore } from '../storage/redistribution-store.js'
import { createRegistryImportStore } from '../storage/registry-import-store.js'

/** A lead's later life (issue 16): re-distribution and the compliance gate, with DNC registry imports. */
export interface LifecycleServices {
  readonly redistribution: Redistribution
  readonly compliance: ComplianceGate
  readonly registryImport: RegistryImport
}

export function createLifecycleServices(
  storage: StorageDialect,
  clock: Clock,
  deps: { gate: ComplianceGate; distribution: DistributionDeps },
): LifecycleServices {
  return {
    redistribution: createRedistribution({
      store: createRedistributionStore(storage.db, clock),
      gate: deps.gate,
      distribution: deps.distribution,
    }),
    compliance: deps.gate,
    registryImport: createRegistryImport({ store: createRegistryImportStore(storage.db), clock }),
  }
}
