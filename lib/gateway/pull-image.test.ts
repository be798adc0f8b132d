import { describe, expect, it } from 'vitest';
import { pullStreamError } from './pull-image';

describe('pullStreamError', () => {
  it('finds the error a 200 pull stream ends with, and none in a clean one', () => {
    const clean = ['{"status":"Pulling from x"}', '{"status":"Digest: sha256:1"}', '{"status":"Status: Downloaded newer image for x:latest"}'].join('\n');
    expect(pullStreamError(clean)).toBeNull();
    const failed = `${clean}\n{"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown"}\n`;
    expect(pullStreamError(failed)).toBe('manifest unknown');
  });
});
