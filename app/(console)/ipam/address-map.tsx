'use client';

import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { addressGrid, CELL_STATES, describeGrid, type GridCell } from '@/lib/ipam-view/address-grid';
import type { IpamAllocationView, IpamPoolView } from '@/lib/ipam-view/types';
import styles from './address-map.module.css';

/** Arrow keys, Home and End move through the cells (one tab stop per map, as a grid should be). */
function nextIndex(key: string, index: number, columns: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowDown':
      return Math.min(count - 1, index + columns);
    case 'ArrowUp':
      return Math.max(0, index - columns);
    case 'Home':
      return index - (index % columns);
    case 'End':
      return Math.min(count - 1, index - (index % columns) + columns - 1);
    default:
      return null;
  }
}

/** One pool's subnet as a grid of addresses, coloured by state; hover, focus or click names the holder. */
export const AddressMap = memo(function AddressMap({ pool, allocations }: { pool: IpamPoolView; allocations: readonly IpamAllocationView[] }) {
  const grid = useMemo(() => addressGrid(pool, allocations), [pool, allocations]);
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<GridCell | null>(null);
  const cells = useRef<(HTMLDivElement | null)[]>([]);
  const rows = useMemo(() => {
    const out: GridCell[][] = [];
    for (let start = 0; start < grid.cells.length; start += grid.columns) out.push(grid.cells.slice(start, start + grid.columns));
    return out;
  }, [grid]);
  const summaryId = `address-map-summary-${pool.poolId}`;
  const focusCell = (index: number) => {
    setActive(index);
    setShown(grid.cells[index] ?? null);
    cells.current[index]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = nextIndex(event.key, active, grid.columns, grid.cells.length);
    if (next === null) return;
    event.preventDefault();
    focusCell(next);
  };
  const current = Math.min(active, grid.cells.length - 1);

  return (
    <div className={styles.map} data-testid={`address-map-${pool.poolId}`}>
      <h3>Address map of {pool.subnet}</h3>
      <p className="muted" id={summaryId} data-testid="address-map-summary">
        {describeGrid(grid)}
      </p>
      <div role="grid" aria-label={`Addresses of ${pool.subnet}`} aria-describedby={summaryId} className={styles.grid} onKeyDown={onKeyDown}>
        {rows.map((row, rowIndex) => (
          <div role="row" className={styles.row} key={row[0]?.address ?? rowIndex}>
            {row.map((cell, columnIndex) => {
              const index = rowIndex * grid.columns + columnIndex;
              return (
                <div
                  key={cell.address}
                  ref={(element) => {
                    cells.current[index] = element;
                  }}
                  role="gridcell"
                  tabIndex={index === current ? 0 : -1}
                  aria-label={`${cell.address}: ${cell.holder}`}
                  aria-selected={shown?.address === cell.address}
                  title={`${cell.address}: ${cell.holder}`}
                  data-testid={`cell-${cell.address}`}
                  data-state={cell.state}
                  className={`${styles.cell} ${styles[cell.state] ?? ''} ${shown?.address === cell.address ? styles.selected : ''}`}
                  onMouseEnter={() => setShown(cell)}
                  onFocus={() => {
                    setActive(index);
                    setShown(cell);
                  }}
                  onClick={() => focusCell(index)}
                />
              );
            })}
          </div>
        ))}
      </div>
      <p className={styles.detail} aria-live="polite" data-testid="address-map-detail">
        {shown ? (
          <>
            <strong>{shown.address}</strong>: {shown.holder}
          </>
        ) : (
          'Point at, focus or click an address to see its holder (arrow keys move).'
        )}
      </p>
      <ul className={styles.legend} aria-label="Legend">
        {CELL_STATES.map(({ state, label }) => (
          <li key={state}>
            <span className={`${styles.swatch} ${styles[state] ?? ''}`} aria-hidden="true" />
            {label} ({grid.counts[state]})
          </li>
        ))}
      </ul>
    </div>
  );
});
