import type { Statement } from '../../core/money/statements.js'

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

/** Cents as a signed decimal with two places, without floating point: -1234 → "-12.34". */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.trunc(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`
}

const LABELS: Record<string, string> = {
  sales: 'Sales',
  sales_cents: 'Sales amount',
  replacements: 'Replacements (at no charge)',
  credits: 'Credits',
  credits_cents: 'Credits amount',
  payments_cents: 'Payments received',
  adjustments_cents: 'Adjustments',
  leads_bought: 'Leads bought',
  source_cost_cents: 'Source cost',
  chargebacks: 'Chargebacks',
  chargebacks_cents: 'Chargebacks amount',
  payouts_cents: 'Payouts',
}

/** Self-contained print CSS: A4/Letter margins, no external fonts or images, table rows never split. */
const STYLE = `
body{font:11pt/1.4 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#111;margin:2rem}
h1{font-size:16pt;margin:0 0 .25rem}.meta{color:#555;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:0 0 1.25rem}
th,td{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:600;border-top:2px solid #111}
.closed{display:inline-block;border:1px solid #111;padding:0 .4rem;font-size:9pt}
@page{size:auto;margin:15mm}
@media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
`

function summaryRows(s: Statement): string {
  return Object.entries(s.summary)
    .map(
      ([k, v]) =>
        `<tr><td>${escapeHtml(LABELS[k] ?? k)}</td><td class="n">${k.endsWith('_cents') ? money(v) : v}</td></tr>`,
    )
    .join('')
}

function lineRows(s: Statement): string {
  return s.lines
    .map(
      (l) =>
        `<tr><td>${l.booked_on}</td><td>${escapeHtml(l.replacement ? 'replacement' : l.entry)}</td>` +
        `<td class="n">${l.lead_id ?? ''}</td><td>${escapeHtml(l.memo ?? '')}</td><td class="n">${money(l.amount_cents)}</td></tr>`,
    )
    .join('')
}

/** A statement as one HTML page that prints cleanly to PDF (no scripts, no external assets). */
export function statementHtml(s: Statement): string {
  const who = s.account_kind === 'buyer' ? 'Buyer statement' : 'Source payout statement'
  const title = `${who} — ${s.account_name} — ${s.period}`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${s.account_kind} ${s.account_id} · ${s.from} to ${s.to} (exclusive, UTC) · amounts in the ledger's signs${s.closed ? ' · <span class="closed">closed period</span>' : ''}</p>
<table><tbody>
<tr><td>Opening balance</td><td class="n">${money(s.opening_balance_cents)}</td></tr>
${summaryRows(s)}
</tbody><tfoot><tr><td>Closing balance</td><td class="n">${money(s.closing_balance_cents)}</td></tr></tfoot></table>
<table><thead><tr><th>Date</th><th>Entry</th><th class="n">Lead</th><th>Memo</th><th class="n">Amount</th></tr></thead>
<tbody>${lineRows(s)}</tbody></table>
</body></html>`
}
