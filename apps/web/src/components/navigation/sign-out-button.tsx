"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="rounded-md px-2.5 py-1.5 text-sm text-indigo-100 hover:bg-indigo-800/60 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-300"
    >
      Sign out
    </button>
  );
}
