/** A command's words as a list, each word as it is passed (never joined back into a shell line). */
export function ArgvList({ words, testId }: { words: readonly string[]; testId?: string }) {
  return (
    <ol className="argv" data-testid={testId}>
      {words.map((word, index) => (
        <li key={index}>
          <code>{word}</code>
        </li>
      ))}
    </ol>
  );
}
