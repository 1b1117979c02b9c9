import { notFound, redirect } from "next/navigation";
import { firstAdminPage } from "@/components/app-shell/nav-items";
import { requirePageActor } from "@/lib/auth/page-actor";

export default async function AdminIndexPage() {
  const target = firstAdminPage(await requirePageActor());
  if (!target) notFound();
  redirect(target);
}
