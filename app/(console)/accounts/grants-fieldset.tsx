import type { SelectHTMLAttributes } from 'react';

interface Props {
  areas: readonly string[];
  /** The choice for "no grant on this area". */
  none: { value: string; label: string };
  /** Each area's select: its name or value and handler, and its accessible label. */
  selectProps: (area: string) => SelectHTMLAttributes<HTMLSelectElement> & { 'aria-label': string };
}

/** Per-area grants beyond the role: none, read or read-write on each area. */
export function GrantsFieldset({ areas, none, selectProps }: Props) {
  return (
    <fieldset className="grants">
      <legend>Extra grants (beyond the role)</legend>
      {areas.map((area) => (
        <label key={area} className="inline">
          {area}{' '}
          <select {...selectProps(area)}>
            <option value={none.value}>{none.label}</option>
            <option value="read">read</option>
            <option value="write">read-write</option>
          </select>
        </label>
      ))}
    </fieldset>
  );
}
