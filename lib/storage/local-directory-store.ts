import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertSafeKey, type ObjectStore } from "./object-store";

/** The default store: a directory on local disk (REPORT_STORAGE_DIR), for dev and single-server installs. */
export function localDirectoryStore(root: string): ObjectStore {
  const base = path.resolve(root);
  const fileFor = (key: string) => {
    assertSafeKey(key);
    return path.join(base, ...key.split("/"));
  };
  return {
    kind: "local",
    async put(key, body) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body, { mode: 0o600 });
    },
    async get(key) {
      return new Uint8Array(await readFile(fileFor(key)));
    },
    async delete(key) {
      await rm(fileFor(key), { force: true });
    },
  };
}
