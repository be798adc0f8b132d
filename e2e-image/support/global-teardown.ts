import { removeConsoleContainer } from './console-container';

export default function globalTeardown(): void {
  removeConsoleContainer();
}
