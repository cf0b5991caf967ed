import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RenderedPage {
  /** In millimetres, as the PDF's page box says. */
  widthMm: number;
  heightMm: number;
}

export interface RenderedDocument {
  pages: RenderedPage[];
  /** pdftotext -layout: the text of every page, pages separated by form feeds. */
  text: string;
  /** The text page by page. */
  pageTexts: string[];
  pdf: Buffer;
}

/**
 * Renders an export as a person would print it: LibreOffice (headless) turns the file into a PDF,
 * poppler reads its pages and text. Needs soffice and pdftotext/pdfinfo (Debian:
 * libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils; .ci/run installs them).
 */
export async function renderToPdf(bytes: Buffer, extension: 'docx' | 'xlsx'): Promise<RenderedDocument> {
  const dir = await mkdtemp(join(tmpdir(), 'crm-render-'));
  try {
    const input = join(dir, `document.${extension}`);
    await writeFile(input, bytes);
    // A profile of its own, so parallel test files never share (or lock) one.
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
      timeout: 120_000,
    });
    const pdfPath = join(dir, 'document.pdf');
    const pdf = await readFile(pdfPath);
    const { stdout: info } = await run('pdfinfo', ['-f', '1', '-l', '9999', pdfPath]);
    const pages = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
      widthMm: Math.round((Number(m[1]) * 25.4) / 72),
      heightMm: Math.round((Number(m[2]) * 25.4) / 72),
    }));
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return { pages, text, pageTexts: text.split('\f').slice(0, pages.length), pdf };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
