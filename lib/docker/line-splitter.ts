/**
 * Splits a byte stream into lines (newline-delimited JSON such as Docker's stats stream). Chunks
 * arrive cut anywhere, even inside a multi-byte character: the decoder and the pending text carry
 * the rest over to the next chunk.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder();
  private pending = '';

  /** The complete, non-blank lines this chunk finishes (without their \n or \r\n). */
  push(chunk: Uint8Array | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
  }

  /** What is left once the stream ended: a last line without a newline. */
  flush(): string[] {
    const rest = (this.pending + this.decoder.decode()).replace(/\r$/, '');
    this.pending = '';
    return rest.trim() === '' ? [] : [rest];
  }
}
