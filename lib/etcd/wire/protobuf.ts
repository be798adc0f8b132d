// The few protocol-buffer rules etcd's messages need (varints, length-delimited fields), written
// out instead of loading a .proto at run time: protobufjs and its parsed descriptors cost the
// sidecar ~20 MB and most of a call's CPU. int64 values travel as decimal strings, as etcd3 gave them.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

/** Builds one message; nested messages are written into their own writer and added as bytes. */
export class ProtoWriter {
  private readonly parts: Buffer[] = [];
  private size = 0;

  private push(part: Buffer): void {
    this.parts.push(part);
    this.size += part.length;
  }

  private varint(value: bigint): void {
    const bytes: number[] = [];
    let rest = BigInt.asUintN(64, value);
    while (rest >= 0x80n) {
      bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    bytes.push(Number(rest));
    this.push(Buffer.from(bytes));
  }

  private smallVarint(value: number): void {
    if (value < 0x80) {
      this.push(Buffer.of(value));
      return;
    }
    this.varint(BigInt(value));
  }

  private tag(field: number, wireType: number): void {
    this.smallVarint((field << 3) | wireType);
  }

  /** An int64/uint64/enum/bool field; zero is the default and is not written. */
  int(field: number, value: bigint | number | string | boolean): this {
    const number = typeof value === 'boolean' ? (value ? 1n : 0n) : BigInt(value);
    if (number === 0n) return this;
    this.tag(field, WIRE_VARINT);
    this.varint(number);
    return this;
  }

  /** A varint field written even when zero (a oneof member). */
  intAlways(field: number, value: bigint | number | string): this {
    this.tag(field, WIRE_VARINT);
    this.varint(BigInt(value));
    return this;
  }

  /** A bytes, string or embedded-message field (always written, even when empty). */
  bytes(field: number, value: Buffer | string | ProtoWriter): this {
    const buffer = value instanceof ProtoWriter ? value.finish() : typeof value === 'string' ? Buffer.from(value) : value;
    this.tag(field, WIRE_BYTES);
    this.smallVarint(buffer.length);
    this.push(buffer);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }
}

/** One field as read: a varint's value, or a length-delimited field's bytes. */
export type ProtoField = { readonly field: number; readonly varint: bigint } | { readonly field: number; readonly bytes: Buffer };

/** Reads a message's fields in order; fixed-width fields (etcd's messages have none we read) are skipped. */
export function* protoFields(buffer: Buffer): Generator<ProtoField> {
  let offset = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (offset >= buffer.length) throw new Error('truncated protocol buffer (varint)');
      const byte = buffer[offset++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
      shift += 7n;
    }
  };
  while (offset < buffer.length) {
    const key = Number(readVarint());
    const field = key >>> 3;
    const wireType = key & 7;
    if (wireType === WIRE_VARINT) yield { field, varint: readVarint() };
    else if (wireType === WIRE_BYTES) {
      const length = Number(readVarint());
      if (offset + length > buffer.length) throw new Error('truncated protocol buffer (bytes)');
      yield { field, bytes: buffer.subarray(offset, offset + length) };
      offset += length;
    } else if (wireType === WIRE_FIXED64) offset += 8;
    else if (wireType === WIRE_FIXED32) offset += 4;
    else throw new Error(`unsupported protocol buffer wire type ${wireType}`);
  }
}

/** An int64 field's value as etcd means it (two's complement), as a decimal string. */
export function int64Text(value: bigint): string {
  return BigInt.asIntN(64, value).toString();
}
