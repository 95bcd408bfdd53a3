"use client";
import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";

const sections = [
  { href: "/communications", label: "Communications" },
  { href: "/reviews", label: "Reviews" },
  { href: "/personas", label: "Personas" },
  { href: "/brief-templates", label: "Brief templates" },
  { href: "/analytics", label: "Analytics" },
  { href: "/settings", label: "Settings" },
];

function SectionLinks(props: { stacked?: boolean }) {
  const pathname = usePathname();
  return sections.map((section) => {
    const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
    return (
      <Link
        key={section.href}
        href={section.href}
        aria-current={current ? "page" : undefined}
        className={clsx(
          "whitespace-nowrap rounded-md px-2 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-300",
          props.stacked && "block px-3",
          current
            ? "bg-indigo-800 text-white"
            : "text-indigo-100 hover:bg-indigo-800/60 hover:text-white",
        )}
      >
        {section.label}
      </Link>
    );
  });
}

/**
 * The header's sections and account. Wide screens show them in one row; below
 * 1280 px a Menu button opens them as a panel, so a notification badge or a
 * long role never wraps the header and a phone never scrolls sideways. The
 * account block comes twice from the server (its form controls need their own
 * ids); only one copy is ever displayed.
 */
export function AppNav(props: {
  notifications: ReactNode;
  account: ReactNode;
  accountInMenu: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Following a link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <nav aria-label="Main" className="hidden gap-1 xl:flex">
        <SectionLinks />
      </nav>
      <div className="ml-auto flex items-center gap-2 text-sm">
        {props.notifications}
        <div className="hidden items-center gap-2 xl:flex">{props.account}</div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="site-menu"
          onClick={() => setOpen(!open)}
          className="rounded-md px-2.5 py-1.5 text-sm font-medium text-indigo-100 ring-1 ring-indigo-700 hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-300 xl:hidden"
        >
          {open ? "Close menu" : "Menu"}
        </button>
      </div>
      {open ? (
        <div
          id="site-menu"
          className="basis-full space-y-3 border-t border-indigo-800 pt-3 pb-1 xl:hidden"
        >
          <nav aria-label="Main" className="grid gap-1 sm:grid-cols-3">
            <SectionLinks stacked />
          </nav>
          <div className="flex flex-wrap items-center gap-3 border-t border-indigo-800 pt-3 text-sm">
            {props.accountInMenu}
          </div>
        </div>
      ) : null}
    </>
  );
}
