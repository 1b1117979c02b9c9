import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { getDb } from "@/db";
import { listUsers, userSearchSchema } from "@/lib/admin/users";
import { requirePageActor } from "@/lib/auth/page-actor";
import { CreateStaffUser } from "./create-staff-user";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users · Admin" };

const PAGE_SIZE = 50;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("user:manage");
  const params = await searchParams;
  const parsed = userSearchSchema.safeParse({ q: firstParam(params.q) || undefined, page: firstParam(params.page) ?? 1 });
  const query = parsed.success ? parsed.data : { q: undefined, page: 1 };
  const users = await listUsers(await getDb(), actor, query);

  const pageHref = (page: number) => {
    const search = new URLSearchParams();
    if (query.q) search.set("q", query.q);
    if (page > 1) search.set("page", String(page));
    const text = search.toString();
    return text ? `/admin/users?${text}` : "/admin/users";
  };

  return (
    <div className="flex flex-col gap-6">
      <CreateStaffUser />
      <div className="flex flex-col gap-4">
        <Form action="/admin/users" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex flex-1 flex-col gap-1.5">
            <label htmlFor="user-search" className="text-sm font-medium">
              Search users
            </label>
            <Input id="user-search" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name or email" maxLength={120} />
          </div>
          <Button type="submit" variant="outline" className="h-11 sm:h-10">
            Search
          </Button>
        </Form>
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {users.length === 0
            ? query.q
              ? `No users match "${query.q}".`
              : "No users yet."
            : `${query.q ? `Users matching "${query.q}"` : "All users, newest first"}${query.page > 1 ? `, page ${query.page}` : ""}.`}
        </p>
        {users.length > 0 ? <UsersTable users={users} currentUserId={actor.userId} /> : null}
        {query.page > 1 || users.length === PAGE_SIZE ? (
          <nav aria-label="Pages" className="flex justify-between gap-2">
            {query.page > 1 ? (
              <Button asChild variant="outline" size="sm">
                <Link href={pageHref(query.page - 1)}>Previous</Link>
              </Button>
            ) : (
              <span />
            )}
            {users.length === PAGE_SIZE ? (
              <Button asChild variant="outline" size="sm">
                <Link href={pageHref(query.page + 1)}>Next</Link>
              </Button>
            ) : null}
          </nav>
        ) : null}
      </div>
    </div>
  );
}
