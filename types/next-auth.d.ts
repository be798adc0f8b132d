import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    /** When the user signed in (ms since the epoch); sessions older than a password change end. */
    signedInAt?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    signedInAt?: number;
  }
}
