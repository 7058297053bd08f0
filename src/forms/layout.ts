// The building blocks every form is drawn from: page, header (unit and national motto), title,
// paragraphs, numbered lists, tables, signature blocks and the status QR code. Sizes follow Decree
// 30/2020/NĐ-CP on administrative documents (Times-like serif, 13 pt body on A4, motto underlined).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { upper } from './format';
import type { FormUnit, SignMeta } from './types';

type FontName = 'regular' | 'bold' | 'italic';

// Tinos is metric-compatible with Times New Roman, the face Vietnamese administrative documents use, and
// covers every Vietnamese letter with its tone marks as a precomposed glyph. It comes from npm, so
// nothing is fetched at run time.
const FONT_FILES: Record<FontName, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
};

let fontData: Record<FontName, Buffer> | undefined;

function fonts(): Record<FontName, Buffer> {
  if (!fontData) {
    const require = createRequire(import.meta.url);
    const read = (name: FontName) => fs.readFileSync(require.resolve(FONT_FILES[name]));
    fontData = { regular: read('regular'), bold: read('bold'), italic: read('italic') };
  }
  return fontData;
}

export type PageKind = 'A4' | 'A5' | 'A4-landscape';

type Margins = { top: number; bottom: number; left: number; right: number };

/** Margins in points (1 mm ≈ 2.835 pt) and the body size; A5 is the A4 layout scaled by about 0.75. */
const PAGES: Record<PageKind, { size: 'A4' | 'A5'; layout: 'portrait' | 'landscape'; margins: Margins; base: number }> = {
  A4: { size: 'A4', layout: 'portrait', margins: { top: 57, bottom: 57, left: 85, right: 57 }, base: 13 },
  A5: { size: 'A5', layout: 'portrait', margins: { top: 34, bottom: 34, left: 45, right: 34 }, base: 10 },
  'A4-landscape': { size: 'A4', layout: 'landscape', margins: { top: 45, bottom: 45, left: 57, right: 45 }, base: 12 },
};

/** A piece of a paragraph: plain text, or text in bold or italic. */
export type Run = string | { text: string; font: FontName };
export const bold = (text: string): Run => ({ text, font: 'bold' });
export const italic = (text: string): Run => ({ text, font: 'italic' });

export type SignatureBlock = { title: string; hint: string; name: string };
export type Column = { header: string; weight: number; align?: 'left' | 'center' };

const QR_CAPTION = 'Tra cứu tình trạng hồ sơ';

const toPart = (r: Run) => (typeof r === 'string' ? { text: r, font: 'regular' as const } : r);

export type DocumentInfo = { title: string; author: string; subject: string; keywords: string; createdAt: Date };

const LINE_GAP = 1.5;

/** One PDF being drawn top to bottom; `finish()` gives its bytes. */
export class Sheet {
  private readonly doc: PDFKit.PDFDocument;
  /** Body font size in points. */
  readonly base: number;
  private readonly bytes: Promise<Buffer>;

  constructor(page: PageKind, info: DocumentInfo, base?: number) {
    const spec = PAGES[page];
    this.base = base ?? spec.base;
    this.doc = new PDFDocument({
      size: spec.size,
      layout: spec.layout,
      margins: spec.margins,
      pdfVersion: '1.7',
      lang: 'vi-VN',
      displayTitle: true,
      // Page numbers are written once the page count is known.
      bufferPages: true,
      // Fixed metadata: pdfkit derives the file identifier from it, so the same input gives the same bytes.
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Keywords: info.keywords,
        Creator: 'Motcua',
        Producer: 'Motcua (PDFKit)',
        CreationDate: info.createdAt,
      },
    });
    const chunks: Buffer[] = [];
    this.bytes = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    const data = fonts();
    for (const name of Object.keys(data) as FontName[]) this.doc.registerFont(name, data[name]);
    this.doc.font('regular').fontSize(this.base);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
    }
  }

  space(lines: number): void {
    this.doc.y += lines * this.base;
  }

  /**
   * Left: the parent unit, the unit (bold, a short rule under it) and "Số: …".
   * Right: the national title, the motto (bold, ruled its full length) and the place and date (italic).
   */
  header(unit: FormUnit, number: string | null, date: string): void {
    const { doc } = this;
    const top = doc.y;
    const size = this.base - 1;
    const gutter = this.base * 0.6;
    const leftWidth = this.width * 0.45 - gutter / 2;
    const rightX = this.left + this.width * 0.45 + gutter / 2;
    const rightWidth = this.width * 0.55 - gutter / 2;

    const parentName = upper(unit.parentName);
    let leftY = this.centered(parentName, this.left, leftWidth, 'regular', this.fit(parentName, 'regular', size, leftWidth), top);
    // A long unit name ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG …") is set a little smaller to stay on two lines.
    const unitName = upper(unit.name);
    leftY = this.centered(unitName, this.left, leftWidth, 'bold', this.fit(unitName, 'bold', size, leftWidth, 2), leftY);
    // Decree 30/2020: the rule under the unit's name is a third to a half of the name's line.
    this.rule(this.left, leftWidth, leftY, Math.min(doc.widthOfString(unitName), leftWidth) * 0.4);

    const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    let rightY = this.centered(nation, rightX, rightWidth, 'bold', this.fit(nation, 'bold', size, rightWidth), top);
    rightY = this.centered(motto, rightX, rightWidth, 'bold', this.fit(motto, 'bold', size + 1, rightWidth), rightY);
    this.rule(rightX, rightWidth, rightY, doc.widthOfString(motto));

    const row = Math.max(leftY, rightY) + this.base * 0.5;
    if (number !== null) this.centered(`Số: ${number}`, this.left, leftWidth, 'regular', size, row);
    const end = this.centered(date, rightX, rightWidth, 'italic', size, row);
    doc.x = this.left;
    doc.y = end + this.base * 0.8;
  }

  title(text: string, subtitle?: string): void {
    this.centered(text, this.left, this.width, 'bold', this.base + 1, this.doc.y);
    if (subtitle) this.centered(subtitle, this.left, this.width, 'bold', this.base, this.doc.y);
    this.doc.y += this.base * 0.6;
  }

  /** A paragraph of runs; `indent` shifts the whole paragraph (list items). */
  para(runs: Run[], options: { indent?: number } = {}): void {
    const indent = options.indent ?? 0;
    this.flow(runs, this.left + indent, this.width - indent, this.base, this.base * 0.3);
  }

  /** Items numbered 1), 2), … indented under the paragraph that introduces them. */
  list(items: Run[][]): void {
    items.forEach((runs, i) => this.para([`${i + 1}) `, ...runs], { indent: this.base * 1.5 }));
  }

  /**
   * A paragraph of one line centred on the page ("Mã hồ sơ: …", "Kính gửi: …"). pdfkit cannot centre
   * text whose runs change font, so the runs are measured and placed here; a line too long for the page
   * falls back to a left-aligned paragraph.
   */
  centeredLine(runs: Run[]): void {
    const { doc } = this;
    const parts = runs.map(toPart);
    const widths = parts.map((p) => doc.font(p.font).fontSize(this.base).widthOfString(p.text));
    const total = widths.reduce((a, b) => a + b, 0);
    if (total > this.width) return this.para(runs);
    const y = doc.y;
    let x = this.left + (this.width - total) / 2;
    parts.forEach((p, i) => {
      doc.font(p.font).fontSize(this.base).text(p.text, x, y, { lineBreak: false });
      x += widths[i] ?? 0;
    });
    doc.x = this.left;
    doc.y = y + doc.currentLineHeight(true) + LINE_GAP + this.base * 0.3;
  }

  /**
   * The signing row. Two blocks share it with the status QR code between them; a single block (an
   * officer, or the head of a unit) takes the right part, and the left holds "Nơi nhận" (recipients, on
   * documents signed by the head of a unit) and the QR code.
   */
  signatures(blocks: [SignatureBlock] | [SignatureBlock, SignatureBlock], options: { recipients?: string[]; qr?: string } = {}): void {
    const { doc } = this;
    const gap = this.base * 5; // room for the handwritten signature and the seal
    const qrSize = this.base * 5.5;
    const small = this.base - 2;
    const recipients = blocks.length === 1 ? (options.recipients ?? []) : [];
    const blockHeight = this.base * 4 + gap;
    const sideHeight = (recipients.length ? (recipients.length + 1) * small * 1.3 : 0) + (options.qr ? qrSize + small * 3 : 0);
    this.space(0.5);
    this.ensureSpace(Math.max(blockHeight, sideHeight));
    const top = doc.y;
    const W = this.width;
    const layout =
      blocks.length === 1
        ? { cols: [{ x: this.left + W * 0.45, w: W * 0.55 }], side: { x: this.left, w: W * 0.42 }, align: 'left' as const }
        : {
            cols: [
              { x: this.left, w: W * 0.38 },
              { x: this.left + W * 0.62, w: W * 0.38 },
            ],
            side: { x: this.left + W * 0.38, w: W * 0.24 },
            align: 'center' as const,
          };

    let end = top;
    blocks.forEach((block, i) => {
      const col = layout.cols[i];
      if (!col) return;
      let y = this.centered(
        titleLines(upper(block.title), (t) => doc.font('bold').fontSize(this.base).widthOfString(t) <= col.w),
        col.x,
        col.w,
        'bold',
        this.base,
        top,
      );
      y = this.centered(block.hint, col.x, col.w, 'italic', this.base - 1, y);
      y = this.centered(block.name, col.x, col.w, 'bold', this.base, y + gap);
      end = Math.max(end, y);
    });

    const { side } = layout;
    let y = top;
    if (recipients.length) {
      doc
        .font('bold')
        .fontSize(small + 1)
        .text('Nơi nhận:', side.x, y, { width: side.w });
      doc.font('regular').fontSize(small);
      for (const line of recipients) doc.text(`- ${line}`, side.x, doc.y, { width: side.w });
      y = doc.y + small;
    }
    if (options.qr) {
      const x = layout.align === 'center' ? side.x + (side.w - qrSize) / 2 : side.x;
      this.drawQr(options.qr, x, y, qrSize);
      doc
        .font('bold')
        .fontSize(this.fit(QR_CAPTION, 'bold', small, side.w))
        .text(QR_CAPTION, side.x, y + qrSize + small * 0.3, { width: side.w, align: layout.align });
      y = doc.y;
    }
    doc.x = this.left;
    doc.y = Math.max(end, y) + this.base * 0.5;
  }

  /** A row with the QR code of `url` and caption lines to its right, for forms without a signing row. */
  qr(url: string, caption: Run[][]): void {
    const { doc } = this;
    const size = this.base * 5.5;
    this.space(0.5);
    this.ensureSpace(size);
    const top = doc.y;
    this.drawQr(url, this.left, top, size);
    const x = this.left + size + this.base;
    doc.y = top + this.base * 0.3;
    for (const runs of [[bold(QR_CAPTION)], ...caption]) this.flow(runs, x, this.width - size - this.base, this.base - 1.5, 0);
    doc.y = Math.max(doc.y, top + size) + this.base * 0.5;
  }

  /** A ruled table; the header row is repeated on every page the table runs onto. */
  table(columns: Column[], rows: string[][], size = this.base - 2): void {
    const { doc } = this;
    const pad = size * 0.35;
    const total = columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const rowHeight = (cells: string[], font: FontName) => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * pad, lineGap: 0.5 }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: FontName, height: number, center: boolean) => {
      const y = doc.y;
      let x = this.left;
      doc.font(font).fontSize(size).lineWidth(0.6);
      cells.forEach((text, i) => {
        const w = widths[i] ?? 0;
        doc.rect(x, y, w, height).stroke();
        const align = center ? 'center' : (columns[i]?.align ?? 'left');
        doc.text(text, x + pad, y + pad, { width: w - 2 * pad, align, lineGap: 0.5 });
        x += w;
      });
      doc.x = this.left;
      doc.y = y + height;
    };
    const headers = columns.map((c) => c.header);
    const headerHeight = rowHeight(headers, 'bold');
    const drawHeader = () => drawRow(headers, 'bold', headerHeight, true);

    // Header and first row together, so a table never starts with a lone header at a page's foot.
    this.ensureSpace(headerHeight + (rows[0] ? rowHeight(rows[0], 'regular') : 0) + 1);
    drawHeader();
    for (const cells of rows) {
      const height = rowHeight(cells, 'regular');
      // The 1 pt slack keeps pdfkit from breaking the page inside a cell on rounding.
      if (doc.y + height + 1 > this.bottom) {
        doc.addPage();
        drawHeader();
      }
      drawRow(cells, 'regular', height, false);
    }
    doc.y += this.base * 0.5;
  }

  /**
   * Writes "Trang i/n" at the foot of every page when there is more than one, then ends the document.
   * With `signature`, the document also gets an empty signature field (on its first page, invisible: the
   * form prints its own signature block) for `signPdf` to fill. Made here rather than patched into the
   * finished file, pdfkit writes the Vietnamese reason, name and place as proper PDF text strings.
   */
  /** Pages drawn so far. */
  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  finish(signature?: SignMeta): Promise<Buffer> {
    const { doc } = this;
    const { start, count } = doc.bufferedPageRange();
    if (count > 1) {
      for (let i = start; i < start + count; i++) {
        doc.switchToPage(i);
        const margin = doc.page.margins.bottom;
        // Writing inside the bottom margin: lift the margin so pdfkit does not open a new page for it.
        doc.page.margins.bottom = 0;
        doc.font('italic').fontSize(this.base - 3);
        doc.text(`Trang ${i - start + 1}/${count}`, this.left, doc.page.height - margin / 2 - this.base / 2, {
          width: this.width,
          align: 'center',
        });
        doc.page.margins.bottom = margin;
      }
    }
    if (signature) {
      doc.switchToPage(start);
      pdfkitAddPlaceholder({
        pdf: doc,
        pdfBuffer: Buffer.alloc(0), // unused by the pdfkit variant, required by its typings
        reason: signature.reason,
        name: signature.signerName,
        location: signature.location,
        contactInfo: '',
        signingTime: signature.signedAt,
        appName: 'Motcua',
      });
    }
    doc.end();
    return this.bytes;
  }

  /** Runs as one wrapped paragraph at `x`, from the current line down. */
  private flow(runs: Run[], x: number, width: number, size: number, paragraphGap: number): void {
    const { doc } = this;
    const parts = runs.map(toPart).filter((r) => r.text !== '');
    parts.forEach((part, i) => {
      doc.font(part.font).fontSize(size);
      // pdfkit joins the runs of a paragraph through `continued`; only the first one is placed.
      const opts = { width, lineGap: LINE_GAP, paragraphGap, continued: i < parts.length - 1 };
      if (i === 0) doc.text(part.text, x, doc.y, opts);
      else doc.text(part.text, opts);
    });
    doc.x = this.left;
  }

  private centered(text: string, x: number, width: number, font: FontName, size: number, y: number): number {
    this.doc.font(font).fontSize(size).text(text, x, y, { width, align: 'center', lineGap: LINE_GAP });
    return this.doc.y;
  }

  /** The largest size up to `size` (and not below 75% of it) at which `text` takes at most `lines` lines of `width`. */
  private fit(text: string, font: FontName, size: number, width: number, lines = 1): number {
    const { doc } = this;
    doc.font(font);
    let s = size;
    const tooBig = () =>
      lines === 1
        ? doc.fontSize(s).widthOfString(text) > width - 2
        : doc.fontSize(s).heightOfString(text, { width, lineGap: LINE_GAP }) > lines * (doc.currentLineHeight(true) + LINE_GAP) + 0.5;
    while (s > size * 0.75 && tooBig()) s -= 0.25;
    return s;
  }

  /** A horizontal rule of `length`, centred in the block, just under the line that ends at `y`. */
  private rule(x: number, width: number, y: number, length: number): void {
    const lineY = y + 0.5;
    this.doc
      .lineWidth(0.7)
      .moveTo(x + (width - length) / 2, lineY)
      .lineTo(x + (width + length) / 2, lineY)
      .stroke();
  }

  /** Dark modules as rectangles, one per horizontal run: vector, sharp at any zoom, no image to encode. */
  private drawQr(url: string, x: number, y: number, size: number): void {
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const cell = size / modules.size;
    const dark = (row: number, col: number) => modules.data[row * modules.size + col] === 1;
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size;) {
        if (!dark(row, col)) {
          col++;
          continue;
        }
        const start = col;
        while (col < modules.size && dark(row, col)) col++;
        this.doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
      }
    }
    this.doc.fillColor('black').fill();
  }
}

/**
 * A signer's title too long for its column breaks before the body it names ("PHÓ CHỦ TỊCH / UBND PHƯỜNG HẠC
 * THÀNH"), never inside the place's name ("… PHƯỜNG HẠC / THÀNH").
 */
export function titleLines(title: string, fits: (line: string) => boolean): string {
  if (fits(title)) return title;
  const at = title.search(/ (?:UBND|ỦY BAN|TRUNG TÂM)/u);
  return at > 0 ? `${title.slice(0, at)}\n${title.slice(at + 1)}` : title;
}
