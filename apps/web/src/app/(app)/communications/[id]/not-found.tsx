import { buttonClasses } from "@conductor/ui";
import Link from "next/link";

export default function CommunicationNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">Communication not found</h1>
      <p className="mt-2 text-slate-600">
        It does not exist, or it belongs to an organisation you are not part of.
      </p>
      <Link href="/communications" className={buttonClasses("secondary", "mt-6")}>
        Back to communications
      </Link>
    </div>
  );
}
