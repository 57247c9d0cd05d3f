import { hash } from 'node:crypto';

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex characters: the digest of the audit chain and of both draw algorithms. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
