import { AppError } from '@/lib/errors/app-error';

// Docker's answers that concern one field of the action's form: a taken name (409) and a signal
// the daemon does not know (400 "Invalid signal", or a 500 "does not support signal").
const TAKEN_NAME = /name .* is already in use/i;
const BAD_SIGNAL = /invalid signal|does not support signal/i;

/**
 * Attaches Docker's message to the form field it is about, so a rename form shows "already in
 * use" under the name and a kill form shows "invalid signal" under the signal; other errors pass.
 */
export function asFieldError(error: AppError, action: string): AppError {
  if (action === 'rename' && error.code === 'CONFLICT' && TAKEN_NAME.test(error.message)) {
    return new AppError('CONFLICT', error.message, { cause: error, fields: [{ path: 'name', message: error.message }] });
  }
  if (action === 'kill' && BAD_SIGNAL.test(error.message) && (error.code === 'BAD_REQUEST' || error.code === 'DOCKER_ERROR')) {
    return new AppError('VALIDATION_FAILED', error.message, { cause: error, fields: [{ path: 'signal', message: error.message }] });
  }
  return error;
}
