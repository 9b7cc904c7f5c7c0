import type { Provider } from '@nestjs/common';
import { Env } from '../../config/env';
import { LocalDiskStore } from './local-disk-store';
import { ObjectStore } from './object-store';
import { S3Store } from './s3-store';

/** STORAGE=local (default: files under STORAGE_DIR) or STORAGE=s3 (S3_BUCKET at S3_ENDPOINT). */
export const objectStoreProvider: Provider = {
  provide: ObjectStore,
  inject: [Env],
  useFactory: (env: Env): ObjectStore => {
    if (env.STORAGE === 'local') return new LocalDiskStore(env.STORAGE_DIR);
    const credentials =
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined;
    return new S3Store({
      bucket: env.S3_BUCKET!,
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      credentials,
      timeoutMs: env.STORAGE_TIMEOUT_MS,
    });
  },
};
