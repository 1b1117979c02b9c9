import type { Metadata } from "next";
import Form from "next/form";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { getDb } from "@/db";
import { listOrganisations, organisationSearchSchema } from "@/lib/admin/organisations";
import { requirePageActor } from "@/lib/auth/page-actor";
import { OrganisationsTable } from "./organisations-table";

export const metadata: Metadata = { title: "Organisations · Admin" };

export default async function AdminOrganisationsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("org:manage-all");
  const parsed = organisationSearchSchema.safeParse({ q: firstParam((await searchParams).q) || undefined });
  const query = parsed.success ? parsed.data : {};
  const organisations = await listOrganisations(await getDb(), actor, query);

  return (
    <div className="flex flex-col gap-4">
      <Form action="/admin/organisations" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex flex-1 flex-col gap-1.5">
          <label htmlFor="organisation-search" className="text-sm font-medium">
            Search organisations
          </label>
          <Input id="organisation-search" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Organisation name" maxLength={160} />
        </div>
        <Button type="submit" variant="outline" className="h-11 sm:h-10">
          Search
        </Button>
      </Form>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {organisations.length === 0
          ? query.q
            ? `No organisations match "${query.q}".`
            : "No organisations yet."
          : `${query.q ? `Organisations matching "${query.q}"` : "Newest first"}${organisations.length === 100 ? ", first 100 shown: search to narrow down" : ""}.`}
      </p>
      {organisations.length > 0 ? <OrganisationsTable organisations={organisations} ownOrganisationId={actor.organisationId} /> : null}
    </div>
  );
}
