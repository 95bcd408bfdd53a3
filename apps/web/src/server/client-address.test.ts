import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER } from "./client-address";

describe("the address a sign-in comes from", () => {
  const spoofed = { "x-forwarded-for": "1.2.3.4", [PEER_ADDRESS_HEADER]: "198.51.100.7" };

  it("ignores X-Forwarded-For unless proxies are trusted, and uses the connection's address", () => {
    expect(clientAddress(spoofed, { trustedProxyHops: 0, stamped: true })).toBe("198.51.100.7");
  });

  it("does not believe the stamp header when this process does not write it", () => {
    expect(clientAddress(spoofed, { trustedProxyHops: 0, stamped: false })).toBeNull();
  });

  it("behind n trusted proxies takes the entry the outermost one wrote, not what the client sent", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" };
    expect(clientAddress(headers, { trustedProxyHops: 1, stamped: true })).toBe("10.0.0.2");
    expect(clientAddress(headers, { trustedProxyHops: 2, stamped: true })).toBe("203.0.113.5");
    expect(
      clientAddress({ "x-forwarded-for": "203.0.113.5" }, { trustedProxyHops: 2, stamped: true }),
    ).toBe("203.0.113.5");
    expect(clientAddress({}, { trustedProxyHops: 1, stamped: true })).toBeNull();
  });
});
