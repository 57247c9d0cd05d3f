import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { inputDigest } from '../../common/audit/audit-chain';
import { AttachmentBlob } from '../../subgraphs/joint/src/evidence/attachment.entity';
import { assignmentsOf, drawnWithResults, PUBLISH, type DrawnAssignment } from '../portal/fixtures';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { approveResults } from './helpers';

jest.setTimeout(180_000);

/**
 * 证据材料 on results: an inspector of the team uploads photos and scans through
 * the gateway; the content decides the type, photos lose their EXIF location,
 * the SHA-256 goes into the audit log, and the audit chain catches a file
 * changed in storage. Runs on SQLite and PostgreSQL (the default store is the
 * joint database).
 */
const MAX_BYTES = 3 * 1024 * 1024;
let system: TestSystem;
let origin: string;
let taskId: string;
let assignment: DrawnAssignment;
let uploader: { division: string; id: string };
let item: { division: string; code: string };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function upload(bytes: Buffer, name: string, token?: string, target = { assignment: assignment.id, ...item }) {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${origin}/attachments/${target.assignment}/${target.division}/${target.code}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** A photo of about 2 MB: noise does not compress, and the EXIF block carries a GPS position. */
async function photoWithLocation(): Promise<Buffer> {
  const width = 1600;
  const height = 1200;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 2/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 49/1 0/1' } })
    .jpeg({ quality: 100 })
    .toBuffer();
}

const ATTACHMENTS = `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 50) { edges { node { id results { item { division code } attachments { id name mediaType size sha256 locationKept url expiresAt } } } } } } }`;

async function attachmentsSeenBy(token: string) {
  const result = await system.query(ATTACHMENTS, { id: taskId }, token);
  expect(result.errors).toBeUndefined();
  const node = result.data.inspectionTask.assignments.edges.map(({ node }: any) => node).find((node: any) => node.id === assignment.id);
  return node.results.find((entry: any) => entry.item.division === item.division && entry.item.code === item.code).attachments as Array<Record<string, any>>;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo', gateway: { evidence: { maxBytes: MAX_BYTES } } });
  origin = new URL(system.gateway.url).origin;
  ({ taskId } = await drawnWithResults(
    system,
    { name: '印章刻制业抽查（证据）', items: [{ division: 'ZA', code: 'ZA-002' }], ratioBp: 1000, highRiskRatioBp: 1000 },
    'evidence beacon',
  ));
  assignment = (await assignmentsOf(system, taskId))[0]!;
  item = assignment.items[0]!;
  uploader = assignment.team.find((member) => member.division === item.division)!;
});

afterAll(async () => {
  await system?.stop();
});

describe('uploading evidence', () => {
  it('refuses a renamed executable sent as photo.jpg, and files that only start like a JPEG or a HEIC photo', async () => {
    const token = await tokens.inspector(uploader.division, uploader.id);
    const executable = readFileSync(process.execPath).subarray(0, 200_000);
    const refused = await upload(executable, 'photo.jpg', token);
    expect(refused.status).toBe(415);
    expect(refused.body.errors[0].extensions.code).toBe('UNSUPPORTED_FILE_TYPE');
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), executable]);
    const unreadable = await upload(fake, 'photo.jpg', token);
    expect(unreadable.status).toBe(415);
    expect(unreadable.body.errors[0].extensions.code).toBe('UNREADABLE_FILE');
    // A phone's HEIC box header in front of anything else: recognised as HEIC, then refused by the decoder.
    const heicHeader = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic'),
      Buffer.alloc(4),
      Buffer.from('mif1heic'),
      executable.subarray(0, 4000),
    ]);
    const brokenHeic = await upload(heicHeader, 'IMG_0002.HEIC', token);
    expect(brokenHeic.status).toBe(415);
    expect(brokenHeic.body.errors[0].extensions.code).toBe('UNREADABLE_FILE');
    expect(await attachmentsSeenBy(await tokens.coordinator())).toEqual([]);
  });

  it('keeps a 2 MB photo without its EXIF location, and gives back exactly the bytes whose SHA-256 it audited', async () => {
    const photo = await photoWithLocation();
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const uploaded = await upload(photo, 'IMG_0001.JPG', await tokens.inspector(uploader.division, uploader.id));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.attachment).toMatchObject({ mediaType: 'image/jpeg', locationKept: false, name: 'IMG_0001.JPG' });

    const [seen] = await attachmentsSeenBy(await tokens.coordinator());
    expect(seen).toMatchObject({ id: uploaded.body.attachment.id, sha256: uploaded.body.attachment.sha256, size: uploaded.body.attachment.size });
    const response = await fetch(`${origin}${seen!.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const stored = Buffer.from(await response.arrayBuffer());
    expect(sha256(stored)).toBe(seen!.sha256);
    expect(stored.length).toBe(seen!.size);
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([1600, 1200]);

    // The result's audit trail holds the upload, and its digest covers this SHA-256.
    const trail = await system.query(
      `query($s: String) { auditTrail(subject: $s, action: "attachEvidence") { edges { node { seq subject inputDigest } } } }`,
      { s: `assignment:${assignment.id}:${item.division}:${item.code}` },
      await tokens.supervisor(),
    );
    const entry = trail.data.auditTrail.edges[0].node;
    const { id, name, mediaType, size } = uploaded.body.attachment;
    expect(entry.inputDigest).toBe(inputDigest({ attachment: id, name, mediaType, size, sha256: seen!.sha256 }));
  });

  it('takes a PDF scan as it is, whatever its name', async () => {
    const scan = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const uploaded = await upload(scan, '记录表.bin', await tokens.inspector(uploader.division, uploader.id));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.attachment).toMatchObject({ mediaType: 'application/pdf', name: '记录表.pdf', sha256: sha256(scan) });
  });

  it('accepts uploads only from an inspector of the team, within the size limit', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    expect((await upload(png, 'a.png')).status).toBe(401);
    expect((await upload(png, 'a.png', await tokens.coordinator())).status).toBe(403);
    const stranger = (await assignmentsOf(system, taskId))
      .flatMap((other) => other.team)
      .find((member) => !assignment.team.some((own) => own.id === member.id))!;
    const refused = await upload(png, 'a.png', await tokens.inspector(stranger.division, stranger.id));
    expect(refused.status).toBe(403);
    const tooLarge = await upload(Buffer.alloc(MAX_BYTES + 1, 1), 'big.jpg', await tokens.inspector(uploader.division, uploader.id));
    expect(tooLarge.status).toBe(413);
  });
});

describe('who sees evidence', () => {
  it('never the public: no links in the API, a bare or forged link is refused', async () => {
    const [photo] = await attachmentsSeenBy(await tokens.coordinator());
    const anonymous = await system.query(ATTACHMENTS, { id: taskId });
    expect(JSON.stringify(anonymous.data?.inspectionTask?.assignments ?? null)).not.toContain('/attachments/');
    expect((await fetch(`${origin}/attachments/${photo!.id}`)).status).toBe(403);
    const forged = photo!.url.replace(/sig=([^.]+)\..+$/, (_all: string, payload: string) => `sig=${payload}.${Buffer.alloc(32).toString('base64url')}`);
    expect((await fetch(`${origin}${forged}`)).status).toBe(403);
  });

  it('supervisors, the division admin and the team do; an inspector of another team gets no links', async () => {
    for (const token of [await tokens.supervisor(), await tokens.divisionAdmin('ZA'), await tokens.inspector(uploader.division, uploader.id)]) {
      const seen = await attachmentsSeenBy(token);
      expect(seen.length).toBe(2);
      expect((await fetch(`${origin}${seen[0]!.url}`)).status).toBe(200);
    }
  });
});

describe('integrity', () => {
  it('breaks the audit chain when a stored file is changed behind the system’s back', async () => {
    const supervisor = await tokens.supervisor();
    const chain = `{ auditChain { ok length firstBrokenAt } }`;
    expect((await system.query(chain, {}, supervisor)).data.auditChain.ok).toBe(true);
    const [photo] = await attachmentsSeenBy(supervisor);
    const em = system.joint.orm.em.fork();
    const blob = await em.findOneOrFail(AttachmentBlob, { key: `attachments/${photo!.id}` });
    const changed = Buffer.from(blob.bytes);
    changed[changed.length - 10] ^= 0xff;
    await em.nativeUpdate(AttachmentBlob, { key: blob.key }, { bytes: changed });
    const broken = (await system.query(chain, {}, supervisor)).data.auditChain;
    expect(broken.ok).toBe(false);
    const trail = await system.query(`{ auditTrail(action: "attachEvidence", first: 10) { edges { node { seq } } } }`, {}, supervisor);
    expect(broken.firstBrokenAt).toBe(Math.min(...trail.data.auditTrail.edges.map(({ node }: any) => node.seq)));
    // Put back, the chain verifies again.
    await em.nativeUpdate(AttachmentBlob, { key: blob.key }, { bytes: Buffer.from(blob.bytes) });
    expect((await system.query(chain, {}, supervisor)).data.auditChain.ok).toBe(true);
  });

  it('a published result says how many files it rests on, and nothing more', async () => {
    await approveResults(system, taskId);
    const published = await system.query(PUBLISH, { id: taskId }, await tokens.coordinator());
    expect(published.errors).toBeUndefined();
    const result = await system.query(`query($u: String) { publicResults(uscc: $u, first: 50) { edges { node { itemName attachmentCount } } } }`, {
      u: assignment.uscc,
    });
    expect(result.data.publicResults.edges.map(({ node }: any) => node.attachmentCount)).toEqual([2]);
    const late = await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'late.pdf', await tokens.inspector(uploader.division, uploader.id));
    expect(late.status).toBe(409);
  });
});
