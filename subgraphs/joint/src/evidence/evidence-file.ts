import decodeHeic from 'heic-decode';
import sharp from 'sharp';
import { sniffEvidenceType, type EvidenceType } from './file-type';

/** A file refused as evidence, with the reason an inspector can act on. */
export class EvidenceRefusedError extends Error {
  constructor(
    message: string,
    readonly code: 'UNSUPPORTED_FILE_TYPE' | 'UNREADABLE_FILE',
  ) {
    super(message);
  }
}

export interface EvidenceFile {
  bytes: Buffer;
  mediaType: 'image/jpeg' | 'image/png' | 'application/pdf';
  /** Whether a photo's EXIF (with its GPS location) is still in the stored bytes. */
  locationKept: boolean;
}

/** Photos beyond this many pixels are refused before decoding (a phone photo is 12–50 megapixels). */
const MAX_PIXELS = 100_000_000;

/**
 * What is stored for an uploaded file. The type comes from the content, never
 * from the name. Photos are decoded and encoded again: whatever else was in the
 * file (a script after the image data, a thumbnail of another picture) is gone,
 * the orientation is applied, and the metadata — the EXIF GPS location among it —
 * is dropped unless the division keeps it. HEIC photos become JPEG (the
 * browsers and the office's PCs open JPEG). A PDF is stored as it came: its
 * signatures and stamps are the evidence.
 */
export async function prepareEvidence(bytes: Buffer, keepLocation: boolean): Promise<EvidenceFile> {
  const type: EvidenceType | null = sniffEvidenceType(bytes);
  if (!type) {
    throw new EvidenceRefusedError(
      '文件内容不是 JPEG、PNG、HEIC 照片或 PDF 扫描件，未保存；类型按内容判断，与文件名无关 (the content is not a JPEG, PNG or HEIC photo nor a PDF; the name does not decide the type)',
      'UNSUPPORTED_FILE_TYPE',
    );
  }
  if (type === 'application/pdf') return { bytes, mediaType: type, locationKept: false };
  try {
    if (type === 'image/heic') {
      const { width, height, data } = await decodeHeic({ buffer: bytes });
      if (width * height > MAX_PIXELS) throw new Error('too many pixels');
      // The decoded pixels carry no metadata, so a HEIC photo never keeps its location.
      const jpeg = await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } })
        .jpeg({ quality: 90 })
        .toBuffer();
      return { bytes: jpeg, mediaType: 'image/jpeg', locationKept: false };
    }
    let image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS }).rotate();
    if (keepLocation) image = image.keepExif();
    const output = type === 'image/jpeg' ? await image.jpeg({ quality: 90 }).toBuffer() : await image.png().toBuffer();
    return { bytes: output, mediaType: type, locationKept: keepLocation };
  } catch {
    throw new EvidenceRefusedError('照片无法读取（文件损坏或不完整），未保存 (the photo cannot be decoded)', 'UNREADABLE_FILE');
  }
}
