import { randomFillSync } from "node:crypto";

/**
 * Bytes from the OS's CSPRNG, drawn 4 KiB at a time: each `randomBytes` call is a system call, a real cost
 * for the few bytes an id or an AES-GCM nonce takes on every request. Each byte is handed out once (and
 * wiped from the pool). Node starts each worker as a new process, so no two processes ever share a pool.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

function refillIfNeeded(size: number): void {
  if (offset + size <= pool.length) return;
  randomFillSync(pool);
  offset = 0;
}

/** `size` fresh random bytes (at most 256), copied out of the pool. */
export function pooledRandomBytes(size: number): Buffer {
  if (size > 256) throw new RangeError("pooledRandomBytes hands out at most 256 bytes at a time");
  refillIfNeeded(size);
  const out = Buffer.allocUnsafe(size);
  pool.copy(out, 0, offset, offset + size);
  pool.fill(0, offset, offset + size);
  offset += size;
  return out;
}

/** One random byte as a number in [0, 1), for ulid's generator. */
export function pooledRandomFraction(): number {
  refillIfNeeded(1);
  const byte = pool[offset]!;
  pool[offset++] = 0;
  return byte / 256;
}
