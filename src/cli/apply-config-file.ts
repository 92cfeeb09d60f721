import type { Leadflow } from '../http/context.js'

export async function applyConfigFile(lf: Leadflow, file: string): Promise<Record<string, number>> {
  void lf
  throw new Error(`applying ${file}: not available yet`)
}
