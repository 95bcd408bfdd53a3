import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { AppError } from "../errors";

/**
 * Where a webhook may point. Outside tests only public addresses: a URL
 * naming a loopback, private, link-local (cloud metadata) or otherwise
 * reserved address would let an admin make the server call its own
 * neighbours (SSRF). Tests deliver to a server on loopback, so the allowance
 * is explicit: WEBHOOKS_ALLOW_PRIVATE=1, or `allowPrivate` passed in.
 */
export interface WebhookNetworkPolicy {
  allowPrivate: boolean;
}

export const webhookPolicyFromEnv = (env = process.env): WebhookNetworkPolicy => ({
  allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE === "1",
});

const reserved = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  reserved.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  reserved.addSubnet(network, prefix, "ipv6");
// (No ::ffff:0:0/96 rule: BlockList would match every IPv4 address against
// it. IPv4-mapped addresses are unwrapped and judged as IPv4 below.)

/** Whether an IP address is one a webhook may never reach outside tests. */
export function isReservedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as IPv4.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return reserved.check(mapped, "ipv4");
    return reserved.check(address, "ipv6");
  }
  return reserved.check(address, "ipv4");
}

const refuse = (why: string) => new AppError("INVALID_INPUT", why, { url: why });

/**
 * The URL an admin entered, checked before it is saved: http or https, no
 * user name or password in it, and (outside tests) no host that is an
 * address of a private or reserved network. Names are checked again at
 * each delivery, on the addresses they resolve to then (see `guardedLookup`).
 */
export function checkWebhookUrl(value: string, policy: WebhookNetworkPolicy): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse("Enter a full web address starting with https://");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw refuse("Webhooks are delivered over http or https only");
  if (url.username || url.password)
    throw refuse("Leave the user name and password out of the address");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!policy.allowPrivate && (host === "localhost" || host.endsWith(".localhost")))
    throw refuse("Webhooks cannot be delivered to this server or its private network");
  if (!policy.allowPrivate && isIP(host) && isReservedAddress(host))
    throw refuse("Webhooks cannot be delivered to this server or its private network");
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for the delivery's socket that refuses reserved addresses,
 * so a name that resolves to a private address (or is re-pointed there
 * after it was saved) is refused at connection time, not only when saved.
 */
export function guardedLookup(policy: WebhookNetworkPolicy) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const allowed = policy.allowPrivate
        ? list
        : list.filter((entry) => !isReservedAddress(entry.address));
      const [first] = allowed;
      if (!first) {
        const refused = new Error(
          `${hostname} resolves only to private or reserved addresses`,
        ) as NodeJS.ErrnoException;
        refused.code = "EADDRNOTALLOWED";
        return callback(refused, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, allowed);
      callback(null, first.address, first.family);
    });
  };
}
