import { Injectable } from '@nestjs/common';

/** What a virus scanner says of a file: clean, or the threat it found (its name, as the scanner gives it). */
export type FileScanVerdict = { clean: true } | { clean: false; threat: string };

/**
 * The virus-scanning hook: every upload passes through FILE_SCANNER after its type was read and
 * before anything is written; a file found infected is refused (422) and not stored. The default
 * accepts everything. To scan with ClamAV, provide a class that sends the bytes to clamd
 * (INSTREAM) as FILE_SCANNER: see the README of this library.
 */
export interface FileScanner {
  scan(bytes: Buffer, name: string): Promise<FileScanVerdict>;
}

export const FILE_SCANNER = Symbol('FILE_SCANNER');

/** No scanner configured: every file is taken as clean. */
@Injectable()
export class AcceptingFileScanner implements FileScanner {
  async scan(): Promise<FileScanVerdict> {
    return { clean: true };
  }
}
