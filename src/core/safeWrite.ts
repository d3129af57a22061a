// Writing a file we create or replace as a whole (a baseline, a report): never through a symbolic link or a
// second hard link, checked on the open file itself at write time, so a link planted in a folder (a committed
// `.ring-keys-baseline.json` pointing at a shell profile) cannot redirect the write. Rewrites of a user's own
// files go through src/core/keyRewrite.ts instead. No `vscode` import.
import * as fs from 'node:fs';

export class UnsafeWriteError extends Error {
  readonly code = 'EUNSAFE';
}

/** Replaces (or creates) `file` with `data`; throws UnsafeWriteError for a link or a non-regular file, else the I/O error. */
export function writeFileNoFollow(file: string, data: string | Uint8Array): void {
  let st: fs.Stats | undefined;
  try { st = fs.lstatSync(file); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'ENOENT') { throw err; } }
  if (st?.isSymbolicLink()) { throw new UnsafeWriteError(`${file} is a symbolic link: Ring Keys does not write through it`); }
  if (st && !st.isFile()) { throw new UnsafeWriteError(`${file} is not a regular file`); }
  // O_NOFOLLOW: a link swapped in after the lstat makes the open fail instead of following it (where the
  // platform has it; elsewhere the fstat below still catches a file that is not the one checked)
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | (fs.constants.O_NOFOLLOW ?? 0);
  let fd: number;
  try {
    fd = fs.openSync(file, flags, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') { throw new UnsafeWriteError(`${file} is a symbolic link: Ring Keys does not write through it`); }
    throw err;
  }
  try {
    const now = fs.fstatSync(fd);
    if (!now.isFile()) { throw new UnsafeWriteError(`${file} is not a regular file`); }
    if (now.nlink > 1) { throw new UnsafeWriteError(`${file} has other names (hard links): Ring Keys does not write through them`); }
    if (st && (now.ino !== st.ino || now.dev !== st.dev)) { throw new UnsafeWriteError(`${file} was replaced while it was being written; nothing was written`); }
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  } finally {
    fs.closeSync(fd);
  }
}
