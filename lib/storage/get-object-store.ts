import { env } from "@/lib/env";
import { localDirectoryStore } from "./local-directory-store";
import type { ObjectStore } from "./object-store";
import { s3Store } from "./s3-store";

let store: ObjectStore | undefined;

export function getObjectStore(): ObjectStore {
  store ??= env.S3_BUCKET
    ? s3Store({
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      })
    : localDirectoryStore(env.REPORT_STORAGE_DIR);
  return store;
}
