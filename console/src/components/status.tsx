const TONE: Record<string, string> = {
  sold: 'good',
  accepted: 'good',
  success: 'good',
  pass: 'good',
  active: 'good',
  credited: 'good',
  replaced: 'good',
  converted: 'good',
  rejected: 'bad',
  error: 'bad',
  failed: 'bad',
  fail: 'bad',
  off: 'bad',
  disabled: 'bad',
  timeout: 'bad',
  returned: 'warn',
  unsold: 'warn',
  paused: 'warn',
  pending: 'warn',
  skipped: 'muted',
  received: 'info',
  queued: 'info',
}

/** A coloured word; the colour follows the meaning shared by lead, event and contract states. */
export function Status({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>
  return <span className={`badge ${TONE[value.toLowerCase()] ?? 'plain'}`}>{value}</span>
}
