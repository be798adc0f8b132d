/** Revokes an API token: from then on every request with it is refused. */
export function RevokeButton({ onRevoke }: { onRevoke: () => void }) {
  return (
    <button type="button" onClick={onRevoke}>
      Revoke
    </button>
  );
}
