import type { DbExecutor } from "@/db/client";
import { organisations, users, type UserRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createDataKey } from "@/lib/crypto/data-keys";
import { encryptField } from "@/lib/crypto/field-encryption";
import { INTERNAL_ORGANISATION_NAME } from "@/lib/admin/create-staff-user";

/** Dev/embedded mode only (db/seed.ts refuses production). Printed by `npm run dev` and in the README. */
export const DEMO_PASSWORD = "Lens-demo-Karoo-2026";
export const DEMO_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export const DEMO_ACCOUNTS: Array<{ email: string; name: string; role: UserRole; organisation: "agency" | "solo" | "staff" }> = [
  { email: "manager@demo.tenantlens.test", name: "Naledi Property Manager", role: "property_manager", organisation: "agency" },
  { email: "landlord@demo.tenantlens.test", name: "Johan Agency Landlord", role: "landlord", organisation: "agency" },
  { email: "solo@demo.tenantlens.test", name: "Priya Solo Landlord", role: "landlord", organisation: "solo" },
  { email: "agent@demo.tenantlens.test", name: "Sipho Support Agent", role: "support_agent", organisation: "staff" },
  { email: "admin@demo.tenantlens.test", name: "Anele Admin", role: "admin", organisation: "staff" },
];

export async function seedDemoAccounts(db: DbExecutor): Promise<void> {
  const [agency, solo, staff] = await db
    .insert(organisations)
    .values([
      { name: "Demo Lettings (Pty) Ltd", kind: "agency" },
      { name: "Priya Solo Landlord", kind: "individual" },
      { name: INTERNAL_ORGANISATION_NAME, kind: "internal" },
    ])
    .returning({ id: organisations.id });
  if (!agency || !solo || !staff) throw new Error("demo organisations not created");
  const organisationIds = { agency: agency.id, solo: solo.id, staff: staff.id };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const staffMember = account.organisation === "staff";
    const dataKeyId = staffMember ? await createDataKey(db, "user") : null;
    await db.insert(users).values({
      organisationId: organisationIds[account.organisation],
      role: account.role,
      name: account.name,
      email: account.email,
      passwordHash,
      emailVerifiedAt: new Date(),
      dataKeyId,
      // Staff must have MFA; the demo secret is public on purpose, for this local database only.
      ...(dataKeyId
        ? { totpSecretEncrypted: await encryptField(db, dataKeyId, DEMO_STAFF_TOTP_SECRET, "users.totp_secret"), totpEnabledAt: new Date() }
        : {}),
    });
  }
}
