/** A line of news in a box: a failure (alert, read out at once) or what a change did (status, read out politely). */
export function MessageBox({ kind, message, testId }: { kind: 'error' | 'notice'; message: string | null | undefined; testId?: string }) {
  return message ? (
    <div className={kind === 'error' ? 'error-box' : 'notice'} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {message}
    </div>
  ) : null;
}
