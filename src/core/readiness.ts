/** Is the database reachable and migrated? (`/readyz`). */
export interface Readiness {
  check(): Promise<{ ready: true; database: string } | { ready: false; reason: string }>
}
