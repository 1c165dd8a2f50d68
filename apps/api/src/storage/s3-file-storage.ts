import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { assertFileKey, ByteRange, FileStorage, rechunk, StoredFile } from './file-storage';

export interface S3StoreConfig {
  bucket: string;
  /** Unset: AWS itself. Set: any S3-compatible store (MinIO, Ceph RGW, a cloud provider's object storage). */
  endpoint: string | null;
  region: string;
  /** Unset: the AWS SDK's own chain (AWS_ACCESS_KEY_ID, instance roles, ...). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** Key prefix inside the bucket, so one bucket can hold several deployments. */
  prefix: string;
}

/** S3 wants parts of at least 5 MiB except the last; smaller files go up in one request. */
const PART = 8 * 1024 * 1024;

/**
 * Files in an S3-compatible object store. Large or streamed content goes up as a multipart upload that is aborted
 * on any failure, so the object appears whole or not at all (S3 never shows a half-finished multipart upload).
 */
export class S3FileStorage extends FileStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: S3StoreConfig) {
    super();
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: !!config.endpoint,
      credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
      // Checksums only where S3 requires them: several S3-compatible stores do not accept the newer trailing ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    return `${this.config.prefix}${assertFileKey(key)}`;
  }

  async putAt(key: string, content: Buffer | Readable): Promise<StoredFile> {
    const Key = this.objectKey(key);
    const Bucket = this.config.bucket;
    const hash = createHash('sha256');
    let size = 0;
    const parts = rechunk(content, PART)[Symbol.asyncIterator]();
    const first = await parts.next();
    const firstPart = first.done ? Buffer.alloc(0) : first.value;
    const second = first.done ? { done: true as const, value: undefined } : await parts.next();
    if (second.done) {
      hash.update(firstPart);
      await this.client.send(new PutObjectCommand({ Bucket, Key, Body: firstPart, ContentLength: firstPart.length }));
      return { key, size: firstPart.length, sha256: hash.digest('hex') };
    }
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const done: { ETag: string; PartNumber: number }[] = [];
    try {
      const upload = async (body: Buffer) => {
        hash.update(body);
        size += body.length;
        const PartNumber = done.length + 1;
        const r = await this.client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: body, ContentLength: body.length }));
        done.push({ ETag: r.ETag!, PartNumber });
      };
      await upload(firstPart);
      await upload(second.value);
      for (let next = await parts.next(); !next.done; next = await parts.next()) await upload(next.value);
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: done } }));
    } catch (e) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
      throw e;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const r = await this.client.send(
      new GetObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    return r.Body as Readable;
  }

  async size(key: string): Promise<number | null> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
      return r.ContentLength ?? 0;
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw e;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
  }

  async *keys(): AsyncIterable<string> {
    let ContinuationToken: string | undefined;
    do {
      const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.config.prefix, ContinuationToken }));
      for (const o of r.Contents ?? []) if (o.Key) yield o.Key.slice(this.config.prefix.length);
      ContinuationToken = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  override async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const why = status === 404 ? 'no such bucket' : status === 403 ? 'access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY)' : (e as Error).message || (e as Error).name;
      throw new Error(`FILE_STORE=s3: bucket "${this.config.bucket}" at ${this.config.endpoint ?? 'AWS'} is not usable (S3_BUCKET / S3_ENDPOINT): ${why}`);
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
