import { closeSync, openSync, writeSync } from 'node:fs';

/** Writes a file until the filesystem refuses (ENOSPC), in ever smaller pieces so no block is left free. */
export function fillFilesystem(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 65_536, 4_096, 512, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}
