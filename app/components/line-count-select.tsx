/** How many of the last log lines to read, from a few fixed choices. */
export function LineCountSelect(props: { label: string; ariaLabel: string; choices: readonly string[]; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label}{' '}
      <select aria-label={props.ariaLabel} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.choices.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    </label>
  );
}
