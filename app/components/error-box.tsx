/** A failure in words (the API's or Docker's own message), announced at once; nothing when there is none. */
export function ErrorBox({ message, testId }: { message: string | null | undefined; testId?: string }) {
  return message ? (
    <div className="error-box" role="alert" data-testid={testId}>
      {message}
    </div>
  ) : null;
}
