"use client";
import { Alert, Button, TextField } from "@conductor/ui";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";

export function SignInForm({
  callbackUrl,
  initialError,
  sso,
}: {
  callbackUrl: string;
  initialError: string | null;
  sso: { name: string } | null;
}) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setError(
      result?.error && result.error !== "CredentialsSignin"
        ? result.error
        : "That email and password do not match. Check them and try again.",
    );
  }

  return (
    <div className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          id="email"
          label="Email"
          type="email"
          autoComplete="username"
          required
          autoFocus
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Button type="submit" busy={busy} className="w-full">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso ? (
        <>
          <div className="relative text-center text-xs text-slate-500">
            <span className="bg-white px-2">or</span>
          </div>
          <Button
            variant="secondary"
            className="w-full"
            onClick={() => signIn("oidc", { callbackUrl })}
          >
            Continue with {sso.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
