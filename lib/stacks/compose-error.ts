import { ValidationError } from '@/lib/errors/app-error';

/** What is wrong with a compose file, at a path such as `services.web.ports[0]`. */
export class ComposeFileError extends ValidationError {
  static override readonly brand: string = 'ComposeFileError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Compose file, ${path}: ${reason}`, [{ path, message: reason }]);
  }
}
