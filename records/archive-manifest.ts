import { createHash, sign, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Checkpoint, CheckpointKey } from './checkpoint';
import { canonicalJson } from './record';

/** Consecutive records of one stream in an archived month: where its chain enters and leaves. */
export interface ArchiveRun {
  streamId: string;
  firstSeq: number;
  /** The hash the run's first record links to. */
  prevHash: string;
  firstHash: string;
  lastSeq: number;
  lastHash: string;
  records: number;
}

/**
 * What an archive file holds, kept next to it and in the archived_month table: verify
 * continues each chain across the month from its runs, without the file.
 */
export interface ArchiveManifest {
  v: 1;
  storeId: string;
  /** 'YYYY-MM' (UTC). */
  month: string;
  /** The file's name (gzip-compressed JSON Lines, one stored record a line, by stream and seq). */
  file: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  records: number;
  /** By stream, then seq; a stream has several runs where records of a neighbouring month sit between. */
  runs: ArchiveRun[];
  /** Signed checkpoints that name a record of this month. */
  checkpoints: Checkpoint[];
  archivedAt: string;
  /** With the checkpoint key: its id and an Ed25519 signature over the other fields. */
  keyId?: string;
  signature?: string;
}

function signedText(manifest: ArchiveManifest): Buffer {
  return Buffer.from(canonicalJson({ ...manifest, signature: undefined }));
}

/** Signs the manifest with the checkpoint key. */
export function signManifest(key: CheckpointKey, manifest: ArchiveManifest): ArchiveManifest {
  if (!key.privateKey) return manifest;
  const unsigned = { ...manifest, keyId: key.keyId };
  delete unsigned.signature;
  const signature = sign(null, signedText(unsigned), key.privateKey).toString('base64url');
  return { ...unsigned, signature };
}

/** True when the manifest is signed by this key and unchanged since. */
export function manifestSigned(key: CheckpointKey, manifest: ArchiveManifest): boolean {
  if (!manifest.signature || manifest.keyId !== key.keyId) return false;
  try {
    return verify(
      null,
      signedText(manifest),
      key.publicKey,
      Buffer.from(manifest.signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** SHA-256 of a file, hex, read as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
