/**
 * The files of a backup folder: listing, hashing and copying them with owner-only
 * permissions, and the `manifest.json` that records the sha256 of each file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const BACKUP_MANIFEST_FILE = 'manifest.json';

export const BackupManifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  /** sha256 (hex) of every file of the backup but the manifest, by path relative to the folder (with `/`). */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every regular file under `dir`, as paths relative to it with `/` separators, sorted. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Copies the folder `from` to `to` (which must not exist), folders 0700 and files 0600:
 * evidence photos and private keys must stay readable by the service's user only.
 */
export function copyOwnerOnly(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  fs.chmodSync(to, 0o700);
  if (!fs.existsSync(from)) return;
  // Skips the `.tmp` files of a write in progress: the finished file is renamed from it.
  for (const relative of filesUnder(from).filter((f) => !f.endsWith('.tmp'))) {
    const target = path.join(to, ...relative.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(from, ...relative.split('/')), target, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(target, 0o600);
  }
}

/** True when `dir` does not exist or holds nothing. */
export function isAbsentOrEmpty(dir: string): boolean {
  if (!fs.existsSync(dir)) return true;
  return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length === 0;
}

/** Writes the manifest of `folder`: the hash of every file already in it. */
export function writeManifest(folder: string, createdAt: Date): BackupManifest {
  const files = Object.fromEntries(
    filesUnder(folder)
      .filter((f) => f !== BACKUP_MANIFEST_FILE)
      .map((f) => [f, sha256Of(path.join(folder, ...f.split('/')))]),
  );
  const manifest: BackupManifest = { format: 1, createdAt: createdAt.toISOString(), files };
  fs.writeFileSync(path.join(folder, BACKUP_MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return manifest;
}

/** Problems between the manifest and the files of `folder` (missing, extra or changed files), in Spanish. */
export function checkManifest(folder: string): { manifest?: BackupManifest; problems: string[] } {
  const file = path.join(folder, BACKUP_MANIFEST_FILE);
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { problems: [`${file}: falta o no es JSON; no parece una copia hecha con «sello backup»`] };
  }
  const parsed = BackupManifestSchema.safeParse(content);
  if (!parsed.success) return { problems: [`${file}: no tiene el formato de una copia de Sello`] };
  const manifest = parsed.data;
  const problems: string[] = [];
  const present = new Set(filesUnder(folder).filter((f) => f !== BACKUP_MANIFEST_FILE));
  for (const [relative, expected] of Object.entries(manifest.files)) {
    if (!present.has(relative)) problems.push(`Falta el archivo ${relative}`);
    else if (sha256Of(path.join(folder, ...relative.split('/'))) !== expected)
      problems.push(`El archivo ${relative} no corresponde a su huella en ${BACKUP_MANIFEST_FILE}: fue modificado o está dañado`);
    present.delete(relative);
  }
  for (const extra of present) problems.push(`El archivo ${extra} no figura en ${BACKUP_MANIFEST_FILE}`);
  return { manifest, problems };
}
