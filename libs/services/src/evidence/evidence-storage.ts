import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { EvidenceConfig } from '@tracker/common';

/** Where evidence files live: PostgreSQL holds the metadata and the key; the bytes are here. */
export interface EvidenceStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Removes the object; one that is not there is no error. */
  delete(key: string): Promise<void>;
}

export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

/** Keys are generated (`<reportId>/<uuid>`), never taken from a file name. */
const SAFE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`Not an evidence key: ${key}`);
  return key;
}

/** The default: files under a directory on the api's disk (one host, or a shared volume). */
export class LocalDiskStorage implements EvidenceStorage {
  constructor(private readonly dir: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    const file = path.join(this.dir, checkKey(key));
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a reader never sees half a file.
    const tmp = `${file}.part`;
    await writeFile(tmp, body);
    await rename(tmp, file);
  }

  get(key: string): Promise<Buffer> {
    return readFile(path.join(this.dir, checkKey(key)));
  }

  async delete(key: string): Promise<void> {
    await rm(path.join(this.dir, checkKey(key)), { force: true });
  }
}

/** An S3-compatible bucket (AWS S3, MinIO, Ceph): for several api instances and durable storage. */
export class S3Storage implements EvidenceStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkKey(key),
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }),
    );
    if (!out.Body) throw new Error(`Evidence ${key} has no body in bucket ${this.bucket}`);
    return Buffer.from(await out.Body.transformToByteArray());
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }
}

export function createEvidenceStorage(cfg: EvidenceConfig): EvidenceStorage {
  if (cfg.driver === 'local') return new LocalDiskStorage(cfg.dir);
  const credentials =
    cfg.s3.accessKeyId && cfg.s3.secretAccessKey
      ? { accessKeyId: cfg.s3.accessKeyId, secretAccessKey: cfg.s3.secretAccessKey }
      : undefined;
  const client = new S3Client({
    region: cfg.s3.region,
    endpoint: cfg.s3.endpoint,
    forcePathStyle: cfg.s3.forcePathStyle,
    credentials,
  });
  return new S3Storage(client, cfg.s3.bucket);
}
