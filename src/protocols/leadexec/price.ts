/** Integer cents → the decimal LeadExec shows (25, 12.5); never via floating-point sums. */
export function centsToDecimal(cents: number): number {
  return Number((cents / 100).toFixed(2))
}
