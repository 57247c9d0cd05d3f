import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';

/**
 * PDF rendering for the paperwork: pdfmake with Noto Sans SC, the font file
 * shipped in `@expo-google-fonts/noto-sans-sc` (SIL Open Font License), embedded
 * as a subset of the glyphs each document uses — the text layer stays real text,
 * so a reader can search it and a test can read it back.
 *
 * pdfmake may fetch images by URL and read local files named in a document; a
 * document here only ever names the font files, so everything else is refused.
 */
const FONT_DIR = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const REGULAR = join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf');
const BOLD = join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf');

pdfmake.setFonts({ NotoSansSC: { normal: REGULAR, bold: BOLD, italics: REGULAR, bolditalics: BOLD } });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path === REGULAR || path === BOLD);

/** 许昌市公安局 — the issuing bureau, on every page of every document. */
export const BUREAU = '许昌市公安局';

/** What ties a paper copy to its draw: the footer of every page. */
export interface Provenance {
  taskId: string;
  /** The draw's seed (SHA-256, hex) — with the task id, enough to find and verify the draw the paper came from. */
  seed: string | null;
}

export type Content = Record<string, unknown> | string | Array<Record<string, unknown> | string>;

export interface DocumentSpec {
  title: string;
  content: Content[];
  provenance: Provenance;
  landscape?: boolean;
}

/** A4, margins for a binder's holes, the bureau, task id, seed and page numbers in every footer. */
export async function renderPdf(spec: DocumentSpec): Promise<Buffer> {
  const { taskId, seed } = spec.provenance;
  const document = {
    pageSize: 'A4',
    pageOrientation: spec.landscape ? 'landscape' : 'portrait',
    pageMargins: [50, 50, 40, 60],
    info: { title: spec.title, author: BUREAU, creator: '双随机联合监管', producer: '双随机联合监管' },
    defaultStyle: { font: 'NotoSansSC', fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, alignment: 'center', margin: [0, 0, 0, 12] },
      heading: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fillColor: '#eeeeee' },
      small: { fontSize: 8, color: '#444444' },
    },
    content: spec.content,
    footer: (page: number, pages: number) => ({
      margin: [50, 16, 40, 0],
      columns: [
        { width: '*', style: 'small', text: `${BUREAU}\u3000任务 ${taskId}${seed ? `\u3000抽取种子 ${seed}` : ''}` },
        { width: 70, style: 'small', alignment: 'right', text: `第 ${page} 页，共 ${pages} 页` },
      ],
    }),
  };
  return pdfmake.createPdf(document).getBuffer();
}

/** A table with a grey header row that repeats on every page. */
export function table(widths: Array<number | string>, header: string[], rows: Array<Array<string | Record<string, unknown>>>): Record<string, unknown> {
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [header.map((text) => ({ text, style: 'th' })), ...rows] },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 3, paddingBottom: () => 3 },
  };
}
