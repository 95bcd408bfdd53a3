import { buttonClasses } from "@conductor/ui";
import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/communications" className={buttonClasses("secondary", "mt-6")}>
        Back to communications
      </Link>
    </main>
  );
}
