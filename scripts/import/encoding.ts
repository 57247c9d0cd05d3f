import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'gb18030';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a CSV file whatever Excel saved it as. A byte-order mark decides when
 * there is one (UTF-8, or UTF-16LE from “Unicode text”). Otherwise the bytes are
 * read as UTF-8 if they are valid UTF-8, else as GB18030, the encoding older
 * Chinese Excel writes for “CSV (逗号分隔)”. Chinese text in GB18030 is
 * practically never valid UTF-8: its two-byte characters use lead bytes
 * 0x81–0xFE followed by bytes that UTF-8's continuation rules reject, so a file
 * of Chinese headers and names fails the strict decode on its first character.
 * Pure ASCII is the same in both, so the choice does not matter there.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' };
  }
}
