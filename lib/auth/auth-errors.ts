import { AppError } from '@/lib/errors/app-error';
import type { Role } from '@/prisma-free-db/schemas/account';
import type { Permission } from './permissions';

// The guard's refusals, in a module of their own so code outside Next's request scope (the
// WebSocket upgrade of the exec console) answers with the same codes and words.

export class UnauthorizedError extends AppError {
  constructor() {
    super(
      'UNAUTHORIZED',
      'Sign in first: this needs a session (the login page) or an API token (Authorization: Bearer <token>)',
    );
  }
}

export class ForbiddenError extends AppError {
  constructor(required: Role | Permission, actual: Role) {
    super(
      'FORBIDDEN',
      required.includes(':')
        ? `This needs the ${required} permission, which the ${actual} role does not have`
        : `This needs the ${required} role; your account has the ${actual} role`,
    );
  }
}

export class CrossSiteRequestError extends AppError {
  constructor() {
    super('FORBIDDEN', 'Cross-site request refused: the Origin header does not match this console');
  }
}

export class ReadOnlyTokenError extends AppError {
  constructor() {
    super('FORBIDDEN', 'This API token is read-only: it may not change anything (create a token without the read-only scope)');
  }
}

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(
      'FORBIDDEN',
      'Change your password first: this account has an initial or reset password, so until it is changed (the Account page, or POST /api/v1/account/password) only that, signing out and GET /api/v1/me are allowed',
    );
  }
}
