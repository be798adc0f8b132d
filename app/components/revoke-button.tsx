'use client';

/** Revokes an API token, after asking: from then on every request with it is refused. */
export function RevokeButton({ tokenName, onRevoke }: { tokenName: string; onRevoke: () => void }) {
  return (
    <button
      type="button"
      className="danger"
      aria-label={`Revoke ${tokenName}`}
      onClick={() => {
        if (window.confirm(`Revoke the token ${tokenName}? Every request with it is refused from then on; this cannot be undone.`)) onRevoke();
      }}
    >
      Revoke
    </button>
  );
}
