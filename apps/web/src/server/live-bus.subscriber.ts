// A second web process for live-bus.test.ts: subscribes to one organisation's
// events through Redis and prints each as a line of JSON.
import { createLiveBus } from "./live-bus";

const [redisUrl, channel, organizationId] = process.argv.slice(2);
if (!redisUrl || !channel || !organizationId)
  throw new Error("usage: live-bus.subscriber.ts <redis-url> <channel> <organization-id>");
const bus = createLiveBus({ redisUrl, channel });
bus.subscribe(organizationId, (event) => console.log(JSON.stringify(event)));
await bus.ready;
console.log("ready");
process.on("SIGTERM", () => void bus.close().then(() => process.exit(0)));
