import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, dataKeys, organisations, subjects, users } from "@/db/schema";
import { ErasedError } from "@/lib/api/errors";
import { recordAuditEvent, SYSTEM_AUDIT_CONTEXT } from "@/lib/audit/record-audit-event";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { forgetCachedDataKeys, loadDataKey, rewrapDataKeys } from "@/lib/crypto/data-keys";
import { decryptField } from "@/lib/crypto/field-encryption";
import { getKeyRing, parseKeyRing } from "@/lib/crypto/key-ring";
import { eraseSubject } from "@/lib/subjects/erase-subject";
import { readSubject } from "@/lib/subjects/read-subject";
import { registerSubject } from "@/lib/subjects/register-subject";
import { driversUnderTest, type TestDatabase } from "../helpers/databases";

const drivers = await driversUnderTest();

/** Everything in every table of the public schema, as text: what an attacker with a dump would see. */
async function dumpAllTables(database: TestDatabase): Promise<string> {
  if (database.serverUrl) {
    return execFileSync("pg_dump", ["--data-only", "--no-owner", database.serverUrl], { encoding: "utf8" });
  }
  const tables = z
    .object({ rows: z.array(z.object({ schemaname: z.string(), tablename: z.string() })) })
    .parse(await database.handle.db.execute(sql`select schemaname, tablename from pg_tables where schemaname in ('public', 'drizzle')`));
  const parts: string[] = [];
  for (const { schemaname, tablename } of tables.rows) {
    const result = z.object({ rows: z.array(z.unknown()) }).parse(
      await database.handle.db.execute(sql.raw(`select * from "${schemaname}"."${tablename}"`)),
    );
    parts.push(JSON.stringify(result.rows));
  }
  return parts.join("\n");
}

describe.each(drivers)("data layer on $label", ({ open }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database.teardown();
  });

  it("rolls back a failed transaction completely", async () => {
    const { db } = database.handle;
    const before = await db.$count(subjects);
    await expect(
      db.transaction(async (tx) => {
        await registerSubject(tx, { kind: "individual", identifierKind: "sa-id", identifier: "9001015009087" });
        throw new Error("abort half-way");
      }),
    ).rejects.toThrow("abort half-way");
    expect(await db.$count(subjects)).toBe(before);
  });

  it("finds a subject again by blind index whatever the formatting, and reads it back decrypted", async () => {
    const { db } = database.handle;
    const first = await registerSubject(db, {
      kind: "individual",
      identifierKind: "sa-id",
      identifier: "8001015009087",
      displayName: "Thandiwe Mokoena",
    });
    const again = await registerSubject(db, { kind: "individual", identifierKind: "sa-id", identifier: "800101 5009-087" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, dataKeyId: first.dataKeyId, created: false });
    expect(await readSubject(db, first.id)).toMatchObject({ identifier: "8001015009087", displayName: "Thandiwe Mokoena" });
  });

  it("stores no ID number or name in plaintext anywhere in the database", async () => {
    const { db } = database.handle;
    await registerSubject(db, {
      kind: "individual",
      identifierKind: "sa-id",
      identifier: "7505125800084",
      displayName: "Pieter van der Merwe",
    });
    await registerSubject(db, {
      kind: "company",
      identifierKind: "cipc",
      identifier: "2019/123456/07",
      displayName: "Kalahari Lettings (Pty) Ltd",
    });
    const dump = await dumpAllTables(database);
    expect(dump).toContain("v1."); // the ciphertexts are in the dump…
    for (const secret of ["7505125800084", "750512", "Pieter", "van der Merwe", "2019123456", "123456/07", "Kalahari"]) {
      expect(dump, `plaintext "${secret}" found in the dump`).not.toContain(secret);
    }
  });

  it("refuses a ciphertext moved to another column", async () => {
    const { db } = database.handle;
    const { id } = await registerSubject(db, {
      kind: "individual",
      identifierKind: "sa-id",
      identifier: "6804045009083",
      displayName: "Nomsa Dlamini",
    });
    const [row] = await db.select().from(subjects).where(sql`${subjects.id} = ${id}`);
    if (!row?.identifierEncrypted) throw new Error("subject not stored");
    await expect(decryptField(db, row.identifierEncrypted, "subjects.display_name")).rejects.toThrow();
  });

  it("crypto-shreds a subject: the data key is gone and nothing decrypts, even from an old copy", async () => {
    const { db } = database.handle;
    const { id } = await registerSubject(db, {
      kind: "individual",
      identifierKind: "sa-id",
      identifier: "8501016184086",
      displayName: "Lerato Khumalo",
    });
    const [before] = await db.select().from(subjects).where(sql`${subjects.id} = ${id}`);
    if (!before?.identifierEncrypted) throw new Error("subject not stored");
    const backupCopy = before.identifierEncrypted;

    await eraseSubject(db, SYSTEM_AUDIT_CONTEXT, id, "data-subject-request");
    forgetCachedDataKeys();

    await expect(readSubject(db, id)).rejects.toBeInstanceOf(ErasedError);
    await expect(decryptField(db, backupCopy, "subjects.identifier")).rejects.toBeInstanceOf(ErasedError);
    const [key] = await db.select().from(dataKeys).where(sql`${dataKeys.id} = ${before.dataKeyId}`);
    expect(key?.wrappedKey).toBeNull();
    await expect(
      registerSubject(db, { kind: "individual", identifierKind: "sa-id", identifier: "8501016184086" }),
    ).rejects.toBeInstanceOf(ErasedError);
  });

  it("rotates the key ring by re-wrapping data keys, without touching the fields", async () => {
    const { db } = database.handle;
    const { id } = await registerSubject(db, {
      kind: "individual",
      identifierKind: "sa-id",
      identifier: "9202204720082",
      displayName: "Ayesha Patel",
    });
    const current = await getKeyRing();
    const newKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
    const currentSpec = process.env.ENCRYPTION_KEYS ?? "";
    const rotated = await parseKeyRing(`next:${newKey},${currentSpec}`);

    const moved = await rewrapDataKeys(db, rotated);
    expect(moved).toBeGreaterThan(0);
    const [row] = await db.select().from(subjects).where(sql`${subjects.id} = ${id}`);
    if (!row) throw new Error("subject not stored");
    const [key] = await db.select().from(dataKeys).where(sql`${dataKeys.id} = ${row.dataKeyId}`);
    expect(key?.wrappingKeyId).toBe("next");

    forgetCachedDataKeys();
    await expect(loadDataKey(db, row.dataKeyId, rotated)).resolves.toBeDefined();
    forgetCachedDataKeys();
    await expect(loadDataKey(db, row.dataKeyId, current)).rejects.toThrow(/not in ENCRYPTION_KEYS/);
    // put the ring back so later tests in this file read with the configured keys
    await rewrapDataKeys(db, await parseKeyRing(`${currentSpec},next:${newKey}`));
    forgetCachedDataKeys();
    expect((await readSubject(db, id)).displayName).toBe("Ayesha Patel");
  });

  it("chains audit events and detects a row tampered with behind the trigger's back", async () => {
    const { db } = database.handle;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAuditEvent(db, { ...SYSTEM_AUDIT_CONTEXT, requestId: `req-${i}` }, {
          action: "test.event",
          resourceType: "test",
          resourceId: String(i),
          metadata: { i, nested: { b: 2, a: 1 } },
        }),
      ),
    );
    const intact = await verifyAuditChain(db);
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThanOrEqual(12);

    await expect(db.execute(sql`update audit_events set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events`)).rejects.toThrow();
    expect(await db.$count(auditEvents)).toBe(intact.checked);

    const [victim] = await db.select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id).limit(1).offset(3);
    if (!victim) throw new Error("no audit rows");
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tx.execute(sql`update audit_events set resource_id = 'forged' where id = ${victim.id}`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: victim.id, reason: "hash-mismatch" });
  });

  it("keeps evidence tables whole: no TRUNCATE of consents or the audit log, and sealed rows point at real data keys", async () => {
    const { db } = database.handle;
    // Drizzle wraps the database's refusal; the reason is in the cause.
    const refusal = (pattern: RegExp): { cause: unknown } => ({ cause: expect.objectContaining({ message: expect.stringMatching(pattern) as unknown }) as unknown });
    // CASCADE would step over the foreign keys that otherwise block a plain TRUNCATE.
    await expect(db.execute(sql`truncate consents cascade`)).rejects.toMatchObject(refusal(/consents is append-only/));
    await expect(db.execute(sql`truncate audit_events`)).rejects.toMatchObject(refusal(/audit_events is append-only/));
    // A user's, a WhatsApp contact's or a support conversation's key id must name an existing data key.
    const [organisation] = await db.insert(organisations).values({ name: "Keyless", kind: "individual" }).returning({ id: organisations.id });
    const user = { organisationId: organisation?.id ?? "", role: "landlord" as const, name: "K", email: `k-${crypto.randomUUID()}@x.test`, passwordHash: "x" };
    await expect(db.insert(users).values({ ...user, dataKeyId: crypto.randomUUID() })).rejects.toMatchObject(refusal(/foreign key/));
  });

  it("records the audit event in the same transaction as the change", async () => {
    const { db } = database.handle;
    const before = await db.$count(auditEvents);
    await expect(
      db.transaction(async (tx) => {
        await recordAuditEvent(tx, SYSTEM_AUDIT_CONTEXT, { action: "test.rolled-back", resourceType: "test" });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db.$count(auditEvents)).toBe(before);
  });
});
