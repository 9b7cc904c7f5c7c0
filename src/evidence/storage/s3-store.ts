import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ObjectStore, StorageUnavailableError } from './object-store';

export interface S3StoreOptions {
  bucket: string;
  /** Any S3 API (MinIO, a cloud's S3-compatible service); unset: AWS itself. */
  endpoint?: string;
  region: string;
  /** Unset: the SDK's usual chain (AWS_ACCESS_KEY_ID…, an instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  timeoutMs: number;
}

/** Objects in one bucket of an S3-compatible store, each call bounded by timeoutMs (and one retry). */
export class S3Store extends ObjectStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    super();
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      // Self-hosted stores (MinIO) answer on one host, with the bucket in the path.
      forcePathStyle: options.endpoint !== undefined,
      credentials: options.credentials,
      maxAttempts: 2,
      requestHandler: { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs },
      // Not every S3-compatible store knows the newer checksum headers; our own sha256 guards the bytes.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.call(() => this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: bytes, ContentType: contentType })));
  }

  async get(key: string): Promise<Buffer | null> {
    const result = await this.call(async () => {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    });
    return result;
  }

  async exists(key: string): Promise<boolean> {
    const found = await this.call(() => this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key })));
    return found !== null;
  }

  async delete(key: string): Promise<void> {
    await this.call(() => this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key })));
  }

  /** Runs one request: a missing object is null, any other failure (refused, timed out, 5xx) a 503. */
  private async call<T>(request: () => Promise<T>): Promise<T | null> {
    try {
      return await request();
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404) return null;
      throw new StorageUnavailableError(error);
    }
  }
}
