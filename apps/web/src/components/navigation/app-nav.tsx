"use client";
import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";

const sections = [
  { href: "/communications", label: "Communications" },
  { href: "/reviews", label: "Reviews" },
  { href: "/personas", label: "Personas" },
  { href: "/brief-templates", label: "Templates" },
  { href: "/analytics", label: "Analytics" },
  { href: "/settings", label: "Settings" },
];

export function AppNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1">
      {sections.map((section) => {
        const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={current ? "page" : undefined}
            className={clsx(
              "rounded-md px-2 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-300",
              current
                ? "bg-indigo-800 text-white"
                : "text-indigo-100 hover:bg-indigo-800/60 hover:text-white",
            )}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
