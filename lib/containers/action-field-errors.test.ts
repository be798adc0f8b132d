import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { asFieldError } from './action-field-errors';

const taken = 'Docker: Error when allocating new name: Conflict. The container name "/web" is already in use by container "5149d7023a33".';

describe('asFieldError', () => {
  it('puts a taken name under the rename form’s name field, keeping Docker’s words and the 409', () => {
    const error = asFieldError(new AppError('CONFLICT', taken), 'rename');
    expect(error).toMatchObject({ code: 'CONFLICT', message: taken, fields: [{ path: 'name', message: taken }] });
  });

  it('makes an unknown signal a 422 on the signal field, whether Docker said 400 or 500', () => {
    expect(asFieldError(new AppError('BAD_REQUEST', 'Docker: Invalid signal: SIGFOO'), 'kill')).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'signal' }] });
    expect(asFieldError(new AppError('DOCKER_ERROR', 'Docker: Cannot kill container: web: The linux daemon does not support signal 99'), 'kill')).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'signal', message: expect.stringContaining('signal 99') }],
    });
  });

  it('leaves every other error as it was', () => {
    const notRunning = new AppError('CONFLICT', 'Docker: Cannot kill container: web: Container 5149 is not running');
    expect(asFieldError(notRunning, 'kill')).toBe(notRunning);
    const conflict = new AppError('CONFLICT', taken);
    expect(asFieldError(conflict, 'start')).toBe(conflict);
  });
});
