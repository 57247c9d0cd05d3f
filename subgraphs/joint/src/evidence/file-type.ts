/**
 * What a file is, by its content: the name and the declared type are the
 * uploader's word, the first bytes are the file's. Only the kinds evidence
 * comes in are accepted — photos (JPEG, PNG, HEIC from phones) and PDF scans.
 */
export type EvidenceType = 'image/jpeg' | 'image/png' | 'image/heic' | 'application/pdf';

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

export function sniffEvidenceType(bytes: Buffer): EvidenceType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  // ISO-BMFF: a box size, then "ftyp" and the major brand.
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp' && HEIC_BRANDS.has(bytes.subarray(8, 12).toString('latin1')))
    return 'image/heic';
  return null;
}
