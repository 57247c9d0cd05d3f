/** heic-decode 2 (libheif compiled to WebAssembly) ships no types. */
declare module 'heic-decode' {
  function decode(input: { buffer: Buffer | Uint8Array }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  export = decode;
}
