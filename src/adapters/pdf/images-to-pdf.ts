/**
 * Several photos of one document as one PDF: one A4 page per image, the image fitted inside the margins
 * and the page turned to landscape for a landscape photo. The images come re-encoded and metadata-free
 * from the upload inspection; pdfkit embeds a JPEG as it is and a PNG losslessly, so nothing is lost.
 * The PDF carries no author, title or other personal metadata.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { ImagePdfBuilder } from '../../application/ports.ts';

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = 10 * MM;

export async function imagesToPdf(
  images: readonly { data: Buffer; contentType: 'image/jpeg' | 'image/png' }[],
): Promise<Buffer> {
  if (images.length === 0) throw new Error('Kein Bild für das PDF');
  const sizes = await Promise.all(images.map((image) => sharp(image.data).metadata()));
  const doc = new PDFDocument({ autoFirstPage: false, info: { Producer: 'Härtefallverfahren NRW' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  images.forEach((image, i) => {
    const { width = 1, height = 1 } = sizes[i] ?? {};
    const landscape = width > height;
    const page = landscape ? { width: A4.height, height: A4.width } : A4;
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    doc.image(image.data, MARGIN, MARGIN, {
      fit: [page.width - 2 * MARGIN, page.height - 2 * MARGIN],
      align: 'center',
      valign: 'center',
    });
  });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

export const imagePdfBuilder: ImagePdfBuilder = { build: imagesToPdf };
