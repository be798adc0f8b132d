import Link from 'next/link';

export default function Forbidden() {
  return (
    <main>
      <h1>403: not allowed</h1>
      <p>Your role does not allow this page. Ask an administrator for a role that does.</p>
      <Link href="/">Back to the dashboard</Link>
    </main>
  );
}
