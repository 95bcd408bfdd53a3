// Sign-in limits count the connection's own address: a client that makes up
// a new X-Forwarded-For for every guess is still one guesser.
import { request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl } from "./session";

async function signInAttempt(email: string, password: string, forwardedFor: string) {
  const client = await request.newContext({ baseURL: baseUrl() });
  try {
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    const response = await client.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": forwardedFor, origin: new URL(baseUrl()).origin },
      form: { csrfToken, email, password, json: "true", callbackUrl: "/communications" },
      maxRedirects: 0,
    });
    const location =
      response.headers().location ??
      ((await response.json().catch(() => ({}))) as { url?: string }).url ??
      "";
    return new URL(location, baseUrl()).searchParams.get("error");
  } finally {
    await client.dispose();
  }
}

describe("sign-in limits", () => {
  it("rotating X-Forwarded-For does not reset the count of wrong passwords", async () => {
    const email = "nobody-here@harbour.example";
    const errors: (string | null)[] = [];
    for (let i = 0; i < 4; i++) errors.push(await signInAttempt(email, "guess", `203.0.113.${i}`));
    expect(errors.slice(0, 3)).toEqual([
      "CredentialsSignin",
      "CredentialsSignin",
      "CredentialsSignin",
    ]);
    expect(errors[3]).toMatch(/Too many wrong passwords/);
  });
});
