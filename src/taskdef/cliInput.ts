// Reading a file for the command-line linter, within bounds: at most MAX_INPUT_BYTES (so `/dev/zero`
// or a runaway file ends with a message instead of exhausting memory), and strict UTF-8 (invalid bytes
// are an error that names where they are, never silently replaced). Pure apart from reading the file.
import * as fs from 'node:fs';

/** The largest file the CLI lints (the editor stops at ecsWorkbench.lint.maxFileSizeMB, 2 MB by default). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** A file that was read but cannot be linted; `message` is one line, for "cannot read FILE: …". */
export class InputError extends Error {}

const CHUNK = 1024 * 1024;

/** Reads all of `fd` (a file, a device, a pipe) but fails past `limit` bytes. */
export function readBounded(fd: number, limit = MAX_INPUT_BYTES): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      // A non-blocking pipe (standard input) with nothing yet: wait a little and read again.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
    total += n;
    if (total > limit) throw new InputError(`larger than ${Math.round(limit / 1024 / 1024)} MiB, the most the linter reads`);
  }
  return Buffer.concat(chunks, total);
}

/** Reads the file at `file` (absolute path) within the limit. */
export function readFileBounded(file: string, limit = MAX_INPUT_BYTES): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    return readBounded(fd, limit);
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes as text; invalid UTF-8 is an InputError naming the line and byte offset of the first bad byte. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    throw new InputError(`not valid UTF-8 text (line ${line}, byte offset ${offset}); save it as UTF-8`);
  }
}

/** Offset of the first byte the UTF-8 decoder rejects: the failing 64 KB block first, then byte by byte. */
function firstInvalidByte(bytes: Buffer): number {
  const block = 64 * 1024;
  let decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (; start < bytes.length; start += block) {
    try {
      decoder.decode(bytes.subarray(start, start + block), { stream: true });
    } catch {
      break;
    }
  }
  // Replay up to the failing block (a character may straddle its start), then one byte at a time.
  decoder = new TextDecoder('utf-8', { fatal: true });
  if (start > 0) decoder.decode(bytes.subarray(0, start), { stream: true });
  let pending: number | undefined; // where a character the decoder holds (incomplete so far) begins
  for (let i = start; i < bytes.length; i++) {
    try {
      if (decoder.decode(bytes.subarray(i, i + 1), { stream: true }) === '') pending ??= i;
      else pending = undefined;
    } catch {
      return pending ?? i;
    }
  }
  return pending ?? bytes.length; // the text ends inside a character
}
