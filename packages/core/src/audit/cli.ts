// `npm run audit:verify -- [--organization <slug>]`: walks each organisation's
// audit trail and names the first entry that was altered or removed.
// Exit 0: every trail verified; 1: a trail is broken; 2: bad usage.
import { openDatabase } from "@conductor/db";
import { verifyAuditTrail } from "./verify";

const usage = "usage: npm run audit:verify -- [--organization <slug>]";

async function main(argv: string[]): Promise<number> {
  let slug: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--organization" && argv[i + 1]) slug = argv[++i]!;
    else {
      console.error(`unknown option "${argv[i]}"\n${usage}`);
      return 2;
    }
  }
  const db = await openDatabase();
  try {
    const organizations = await db.prisma.organization.findMany({
      where: slug ? { slug } : {},
      select: { id: true, slug: true, name: true },
      orderBy: { slug: "asc" },
    });
    if (slug && organizations.length === 0) {
      console.error(`no organisation with the slug "${slug}"`);
      return 2;
    }
    let broken = 0;
    for (const organization of organizations) {
      const started = performance.now();
      const result = await verifyAuditTrail(db.prisma, organization.id);
      const ms = (performance.now() - started).toFixed(0);
      console.log(
        `${result.ok ? "ok    " : "BROKEN"} ${organization.slug} (${organization.name}): ${result.message} [${ms} ms]`,
      );
      if (!result.ok) broken++;
    }
    return broken ? 1 : 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
