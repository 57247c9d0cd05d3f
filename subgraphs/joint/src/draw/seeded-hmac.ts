/**
 * HMAC-SHA256 (RFC 2104) under one fixed 32-byte key, for the many short labels a draw ranks
 * (DRAW-ALGORITHM §4). The key's inner and outer pad blocks are compressed once; a label of up
 * to 119 ASCII characters then costs two or three SHA-256 compressions (FIPS 180-4) in plain integer
 * arithmetic, without a native hash object per label — which is what dominated a draw. Any
 * other label goes through node:crypto. Either way the bytes are exactly `createHmac`'s.
 */
import { createHmac } from 'node:crypto';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const BLOCK = 64;
/** A label fits one block with its padding when it has at most 55 bytes, two blocks up to 119. */
const ONE_BLOCK_LABEL = 55;
const TWO_BLOCK_LABEL = 119;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const ASCII = /^[\x00-\x7f]*$/;

/** The message schedule; only W[0..15] are inputs. */
const W = new Int32Array(64);

/** One compression of the block in W[0..15] into `state`. */
function compress(state: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!,
    e = state[4]!,
    f = state[5]!,
    g = state[6]!,
    h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** The SHA-256 state after one 64-byte block. */
function stateAfter(block: Uint8Array): Int32Array {
  const state = Int32Array.from(INITIAL_STATE);
  for (let i = 0; i < 16; i++) W[i] = (block[4 * i]! << 24) | (block[4 * i + 1]! << 16) | (block[4 * i + 2]! << 8) | block[4 * i + 3]!;
  compress(state);
  return state;
}

/** `label => HMAC-SHA256(key, UTF-8(label))`, for a key of at most 64 bytes. */
export function seededHmac(key: Buffer): (label: string) => Buffer {
  if (key.length > BLOCK) throw new RangeError('seededHmac takes keys of at most 64 bytes');
  const innerPad = Buffer.alloc(BLOCK, 0x36);
  const outerPad = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < key.length; i++) {
    innerPad[i] = key[i]! ^ 0x36;
    outerPad[i] = key[i]! ^ 0x5c;
  }
  const inner = stateAfter(innerPad);
  const outer = stateAfter(outerPad);
  const state = new Int32Array(8);
  return (label) => {
    const length = label.length;
    if (length > TWO_BLOCK_LABEL || !ASCII.test(label)) return createHmac('sha256', key).update(label, 'utf8').digest();
    // SHA-256(innerPad ‖ label): the label, 0x80, zeros, and the bit length, in one or two blocks.
    state.set(inner);
    const blocks = length > ONE_BLOCK_LABEL ? 2 : 1;
    for (let block = 0; block < blocks; block++) {
      W.fill(0, 0, 16);
      const from = block * BLOCK;
      const to = Math.min(length, from + BLOCK);
      for (let i = from; i < to; i++) W[(i - from) >> 2]! |= label.charCodeAt(i) << (24 - 8 * (i & 3));
      if (length >= from && length < from + BLOCK) W[(length - from) >> 2]! |= 0x80 << (24 - 8 * (length & 3));
      if (block === blocks - 1) W[15] = (BLOCK + length) * 8;
      compress(state);
    }
    // SHA-256(outerPad ‖ inner digest).
    for (let i = 0; i < 8; i++) W[i] = state[i]!;
    W[8] = 0x80000000;
    W.fill(0, 9, 15);
    W[15] = (BLOCK + 32) * 8;
    state.set(outer);
    compress(state);
    const digest = Buffer.allocUnsafe(32);
    for (let i = 0; i < 8; i++) digest.writeInt32BE(state[i]!, 4 * i);
    return digest;
  };
}
