import { DomainError } from '../../common/domain-errors';

/**
 * Where evidence files' bytes live: local disk by default, any S3-compatible store in production. Every call
 * is bounded in time; a store that cannot be reached throws StorageUnavailableError.
 */
export abstract class ObjectStore {
  abstract put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is no such object. */
  abstract get(key: string): Promise<Buffer | null>;
  abstract exists(key: string): Promise<boolean>;
  /** Removing an object that is not there is not an error. */
  abstract delete(key: string): Promise<void>;
}

export class StorageUnavailableError extends DomainError {
  constructor(cause: unknown) {
    super(503, 'STORAGE_UNAVAILABLE', '文件存储服务暂时不可用，本次操作未保存任何内容，请稍后重试', undefined, { 'retry-after': '30' });
    this.cause = cause;
  }
}
