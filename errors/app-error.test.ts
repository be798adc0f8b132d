import { describe, expect, it } from 'vitest';
import { AppError, NotFoundError, ValidationError } from './app-error';

// A second copy of the classes, as a second bundle of the same source would define them.
async function secondCopy(): Promise<typeof import('./app-error')> {
  const source = await import('node:fs').then((fs) => fs.readFileSync(new URL('./app-error.ts', import.meta.url), 'utf8'));
  const url = `data:text/javascript;base64,${Buffer.from(await stripTypes(source)).toString('base64')}`;
  return (await import(/* @vite-ignore */ url)) as typeof import('./app-error');
}

async function stripTypes(source: string): Promise<string> {
  const { transform } = await import('esbuild');
  return (await transform(source, { loader: 'ts', format: 'esm' })).code;
}

describe('AppError across copies of its module', () => {
  it('is an AppError to another copy, and a subclass of its brand only (minified class names differ between copies)', async () => {
    const other = await secondCopy();
    expect(other.AppError).not.toBe(AppError);
    const notFound = new other.NotFoundError('no such container');
    expect(notFound instanceof AppError).toBe(true);
    expect(notFound instanceof NotFoundError).toBe(true);
    expect(notFound instanceof ValidationError).toBe(false);
    expect(new Error('plain') instanceof AppError).toBe(false);
    expect({ code: 'NOT_FOUND', fields: [] } instanceof AppError).toBe(false);
    expect(new ValidationError('bad', []) instanceof NotFoundError).toBe(false);
    expect(new NotFoundError('here') instanceof AppError).toBe(true);
    // A subclass without a brand of its own matches only its own copy's errors.
    class Unbranded extends AppError {}
    expect(new other.ConflictError('taken') instanceof Unbranded).toBe(false);
    expect(new Unbranded('CONFLICT', 'taken') instanceof AppError).toBe(true);
  });
});
