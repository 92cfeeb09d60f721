import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type Row,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table'
import { type ReactNode, useState } from 'react'

export type { ColumnDef }

/** Right-aligns a column (money, counts): `meta: { num: true }` on its ColumnDef. */
export interface ColumnMeta {
  num?: boolean
  className?: string
}

export interface DataTableProps<T> {
  data: readonly T[] | undefined
  columns: ColumnDef<T, never>[] | ColumnDef<T>[]
  /** Stable row ids (e.g. `(row) => String(row.id)`), so a refresh keeps the page and focus. */
  rowId?: (row: T) => string
  /** Rows per page; 0 shows every row (a server-paged list brings its own pager). */
  pageSize?: number
  initialSort?: SortingState
  onRowClick?: (row: T) => void
  rowClassName?: (row: T) => string | undefined
  /** Shown instead of the body when there are no rows. */
  empty?: ReactNode
  /** Accessible name of the table. */
  label: string
  loading?: boolean
}

const SIZES = [25, 50, 100, 250]

/**
 * A sortable, paged table on @tanstack/react-table. Headers are buttons (keyboard-usable, with
 * aria-sort); the table scrolls sideways inside its own box instead of overflowing the page.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ?? [])
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: props.pageSize ?? 50 })
  const paged = props.pageSize !== 0
  const table = useReactTable<T>({
    data: (props.data ?? []) as T[],
    columns: props.columns as ColumnDef<T>[],
    state: { sorting, ...(paged ? { pagination } : {}) },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    ...(paged ? { getPaginationRowModel: getPaginationRowModel() } : {}),
    getRowId: props.rowId ? (row) => props.rowId!(row) : undefined,
    autoResetPageIndex: false,
  })
  const rows = table.getRowModel().rows
  const total = props.data?.length ?? 0
  return (
    <div className="data-table">
      <div className="scroll">
        <table className={`grid ${props.onRowClick ? 'clickable' : ''}`} aria-label={props.label}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta as ColumnMeta | undefined
                  const sorted = header.column.getIsSorted()
                  return (
                    <th
                      key={header.id}
                      className={meta?.num ? 'num' : undefined}
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <BodyRow key={row.id} row={row} {...props} />
            ))}
          </tbody>
        </table>
      </div>
      {total === 0 && !props.loading && <p className="empty">{props.empty ?? 'Nothing here yet.'}</p>}
      {props.loading && total === 0 && <p className="empty">Loading…</p>}
      {paged && total > pagination.pageSize && (
        <div className="pager">
          <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            ← Previous
          </button>
          <span className="muted">
            {pagination.pageIndex * pagination.pageSize + 1}–
            {Math.min(total, (pagination.pageIndex + 1) * pagination.pageSize)} of {total}
          </span>
          <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next →
          </button>
          <select
            aria-label="Rows per page"
            value={pagination.pageSize}
            onChange={(e) => setPagination({ pageIndex: 0, pageSize: Number(e.target.value) })}
          >
            {SIZES.map((n) => (
              <option key={n} value={n}>
                {n} per page
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  )
}

function BodyRow<T>({ row, onRowClick, rowClassName }: { row: Row<T> } & DataTableProps<T>) {
  return (
    <tr
      className={rowClassName?.(row.original)}
      onClick={onRowClick ? () => onRowClick(row.original) : undefined}
    >
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta as ColumnMeta | undefined
        return (
          <td
            key={cell.id}
            className={[meta?.num ? 'num' : '', meta?.className ?? ''].join(' ').trim() || undefined}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        )
      })}
    </tr>
  )
}
