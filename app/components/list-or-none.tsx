import type { ReactNode } from 'react';

/** A bulleted list of the items (each rendered with its own key), or a muted "None". */
export function ListOrNone<Item>({ items, children }: { items: readonly Item[]; children: (item: Item) => ReactNode }) {
  return items.length === 0 ? <p className="muted">None</p> : <ul>{items.map(children)}</ul>;
}
