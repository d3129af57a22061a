// The files a request file may read: http-client.env.json next to it (public values only) and `< ./part`
// bodies inside its own folder. A private env file is never read; no path leaves the folder; no symlink is
// followed.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isKeyVariable } from './variables';

export const ENV_FILE = 'http-client.env.json';
/** The largest file a body may include (a campaign CSV is small; this is not an upload tool). */
export const MAX_PART_BYTES = 20 * 1024 * 1024;
const MAX_ENV_BYTES = 1024 * 1024;

export class RequestFileError extends Error {}

/**
 * Reads `rel` (as written after `<`) inside `dir`: relative only, no `..` out of the folder, no symbolic link
 * on the way (a link could point anywhere), a regular file no larger than MAX_PART_BYTES.
 */
export async function readConfined(dir: string, rel: string, maxBytes = MAX_PART_BYTES): Promise<Buffer> {
  const shown = rel.length > 80 ? `${rel.slice(0, 79)}…` : rel;
  if (!rel || rel.includes('\0') || path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.startsWith('~')) {
    throw new RequestFileError(`"${shown}": a body file must be a relative path inside the request file's folder.`);
  }
  if (!dir) { throw new RequestFileError(`"${shown}": save the request file first (a body file is read from the request file's folder).`); }
  const root = await fs.realpath(dir);
  const target = path.resolve(root, rel);
  const inside = path.relative(root, target);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new RequestFileError(`"${shown}" is outside the request file's folder: not read.`);
  }
  let at = root;
  for (const seg of inside.split(path.sep)) {
    at = path.join(at, seg);
    let st;
    try { st = await fs.lstat(at); } catch { throw new RequestFileError(`"${shown}" does not exist.`); }
    if (st.isSymbolicLink()) { throw new RequestFileError(`"${shown}" goes through a symbolic link: not followed.`); }
  }
  const handle = await fs.open(target, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    const st = await handle.stat();
    if (!st.isFile()) { throw new RequestFileError(`"${shown}" is not a file.`); }
    if (st.size > maxBytes) { throw new RequestFileError(`"${shown}" is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB.`); }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * The public values of environment `name` from http-client.env.json in `dir` (`$shared` merged under it).
 * No name: `$shared` alone (or nothing). A file that holds a key variable is refused: keys come from Ring Keys.
 */
export async function loadEnvironment(dir: string, name: string | undefined): Promise<Record<string, string>> {
  const file = path.join(dir, ENV_FILE);
  let text: string;
  try {
    const st = await fs.lstat(file);
    if (!st.isFile()) { throw new RequestFileError(`${ENV_FILE} is not a regular file (a symbolic link is not followed).`); }
    if (st.size > MAX_ENV_BYTES) { throw new RequestFileError(`${ENV_FILE} is larger than 1 MiB.`); }
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (name) { throw new RequestFileError(`--env ${name}: there is no ${ENV_FILE} next to the request file.`); }
      return {};
    }
    throw err;
  }
  let data: unknown;
  try { data = JSON.parse(text); } catch (err) { throw new RequestFileError(`${ENV_FILE} is not valid JSON: ${(err as Error).message}`); }
  if (!data || typeof data !== 'object' || Array.isArray(data)) { throw new RequestFileError(`${ENV_FILE} must hold an object of environments.`); }
  const envs = data as Record<string, unknown>;
  const out: Record<string, string> = {};
  const take = (envName: string) => {
    const env = envs[envName];
    if (!env || typeof env !== 'object' || Array.isArray(env)) { return; }
    for (const [k, v] of Object.entries(env as Record<string, unknown>)) {
      if (isKeyVariable(k)) {
        throw new RequestFileError(`${ENV_FILE} (${envName}) holds ${k}: keys never go in env files; Ring Keys supplies ${k}. Remove it (and replace the key if it was committed).`);
      }
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') { out[k] = String(v); }
    }
  };
  take('$shared');
  if (name) {
    if (!Object.prototype.hasOwnProperty.call(envs, name) || name === '$shared') {
      const known = Object.keys(envs).filter(k => k !== '$shared');
      throw new RequestFileError(`Environment "${name}" is not in ${ENV_FILE}${known.length ? ` (it has: ${known.join(', ')})` : ''}.`);
    }
    take(name);
  }
  return out;
}
