/** What a change did, announced politely; nothing when there is no news. */
export function NoticeBox({ message, testId }: { message: string | null | undefined; testId?: string }) {
  return message ? (
    <div className="notice" role="status" data-testid={testId}>
      {message}
    </div>
  ) : null;
}
