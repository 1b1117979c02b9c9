"use client";

import { Building2, ChevronDown, FileSearch, Headset, LayoutDashboard, LogOut, Menu, Settings, ShieldCheck, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOutTo } from "@/components/auth/sign-out";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/ui/cn";
import type { NavIcon, NavItem } from "./nav-items";

const ICONS: Record<NavIcon, typeof LayoutDashboard> = {
  dashboard: LayoutDashboard,
  enquiries: FileSearch,
  organisation: Building2,
  support: Headset,
  admin: ShieldCheck,
  settings: Settings,
};

function isCurrent(pathname: string, item: NavItem) {
  return pathname === item.match || pathname.startsWith(`${item.match}/`);
}

/** Desktop: the sections as a row of links in the top bar. */
export function MainNav({ items, className }: { items: NavItem[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={className}>
      <ul className="flex items-center gap-1">
        {items.map((item) => {
          const current = isCurrent(pathname, item);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  current ? "bg-primary/10 text-primary" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * A <details> disclosure that behaves like a menu: closes on navigation, on Escape (returning focus to
 * its button) and on a click outside. Works without JavaScript too.
 */
export function Disclosure({ summary, summaryLabel, children, className, panelClassName }: { summary: ReactNode; summaryLabel: string; children: ReactNode; className?: string; panelClassName?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      const details = ref.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    }
    function onKeyDown(event: KeyboardEvent) {
      const details = ref.current;
      if (event.key === "Escape" && details?.open) {
        details.open = false;
        details.querySelector("summary")?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return (
    <details ref={ref} className={cn("group", className)}>
      <summary
        aria-label={summaryLabel}
        className="flex h-10 cursor-pointer list-none items-center gap-2 rounded-md px-2 text-sm font-medium hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&::-webkit-details-marker]:hidden"
      >
        {summary}
      </summary>
      <div className={panelClassName}>{children}</div>
    </details>
  );
}

export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signOutTo("/").catch(() => setPending(false));
      }}
      className={cn(
        "flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm font-medium text-foreground hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60",
        className,
      )}
    >
      {pending ? <Spinner /> : <LogOut aria-hidden className="size-4" />}
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}

interface Who {
  name: string;
  email: string;
  roleLabel: string;
  organisationName: string;
}

function WhoAmI({ who }: { who: Who }) {
  return (
    <div className="border-b border-border px-3 pb-3 pt-1">
      <p className="truncate text-sm font-semibold">{who.name}</p>
      <p className="truncate text-xs text-muted-foreground">{who.email}</p>
      <p className="mt-1 truncate text-xs text-muted-foreground">
        {who.roleLabel} · {who.organisationName}
      </p>
    </div>
  );
}

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Desktop: the account menu at the right of the top bar. */
export function UserMenu({ who, className }: { who: Who; className?: string }) {
  return (
    <Disclosure
      className={cn("relative", className)}
      summaryLabel={`Account menu for ${who.name}`}
      summary={
        <>
          <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground">
            {initials(who.name)}
          </span>
          <span className="max-w-40 truncate">{who.name}</span>
          <ChevronDown aria-hidden className="size-4 text-muted-foreground transition-transform group-open:rotate-180" />
        </>
      }
      panelClassName="absolute right-0 z-50 mt-2 w-72 rounded-lg border border-border bg-card p-2 shadow-lg"
    >
      <WhoAmI who={who} />
      <div className="flex flex-col pt-2">
        <Link href="/settings" className="flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <Settings aria-hidden className="size-4" /> Account settings
        </Link>
        <SignOutButton />
      </div>
    </Disclosure>
  );
}

/** Phones: one button that opens the sections and the account actions under the top bar. */
export function MobileMenu({ items, who, className }: { items: NavItem[]; who: Who; className?: string }) {
  const pathname = usePathname();
  return (
    <Disclosure
      className={className}
      summaryLabel="Menu"
      summary={
        <>
          <Menu aria-hidden className="size-5 group-open:hidden" />
          <X aria-hidden className="hidden size-5 group-open:block" />
          <span>Menu</span>
        </>
      }
      panelClassName="absolute inset-x-0 top-full z-50 border-b border-border bg-card px-4 pb-4 pt-3 shadow-lg"
    >
      <WhoAmI who={who} />
      <nav aria-label="Main" className="pt-2">
        <ul className="flex flex-col">
          {items.map((item) => {
            const Icon = ICONS[item.icon];
            const current = isCurrent(pathname, item);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-3 rounded-md px-3 py-3 text-base font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    current ? "bg-primary/10 text-primary" : "hover:bg-muted",
                  )}
                >
                  <Icon aria-hidden className="size-5" />
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="mt-2 border-t border-border pt-2">
        <SignOutButton className="py-3 text-base" />
      </div>
    </Disclosure>
  );
}
