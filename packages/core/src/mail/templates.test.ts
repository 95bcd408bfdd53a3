import { describe, expect, it } from "vitest";
import { type MailContent, renderMail } from "./templates";

const frame = {
  organizationName: "Harbour Energy",
  recipientName: "Leo Okafor",
  unsubscribeUrl: "https://conductor.example/api/unsubscribe?token=abc.def",
  preferencesUrl: "https://conductor.example/settings/email",
};
const link = "https://conductor.example/communications/c1?tab=review";
const due = new Date("2027-01-04T09:30:00Z");

const every: MailContent[] = [
  {
    ...frame,
    kind: "MENTION",
    actorName: "Chloe Martin",
    title: "Bill shock",
    quote: "Say when the rise starts.",
    link,
  },
  {
    ...frame,
    kind: "REVIEW_WAITING",
    actorName: "Casey",
    title: "Bill shock",
    link,
    stageName: "Legal",
    dueAt: due,
    timeZone: "Europe/London",
  },
  {
    ...frame,
    kind: "DUE_SOON",
    title: "Bill shock",
    link,
    stageName: "Legal",
    dueAt: due,
    timeZone: "Europe/London",
  },
  {
    ...frame,
    kind: "OVERDUE",
    title: "Bill shock",
    link,
    stageName: "Legal",
    dueAt: due,
    timeZone: "Europe/London",
  },
  {
    ...frame,
    kind: "CHANGES_REQUESTED",
    actorName: "Leo",
    title: "Bill shock",
    quote: "changes requested (unclear) — Say when.",
    link,
  },
  {
    ...frame,
    kind: "REVIEW_APPROVED",
    actorName: "Leo",
    title: "Bill shock",
    quote: "every stage approved",
    link,
  },
  {
    ...frame,
    kind: "RELEASED",
    actorName: "Casey",
    title: "Bill shock",
    quote: "released on SMS",
    link,
  },
  {
    ...frame,
    kind: "DIGEST",
    timeZone: "Europe/London",
    groups: [
      { title: "Bill shock", link, items: [{ summary: "Leo — approved: Bill shock", at: due }] },
      {
        title: "Moving house",
        link: "https://conductor.example/communications/c2?tab=review",
        items: [{ summary: "Chloe — mentioned you: check the date", at: due }],
      },
    ],
  },
];

describe("mail templates", () => {
  for (const content of every)
    it(`${content.kind}: HTML and plain text from one template, with the link, the organisation and the way out`, async () => {
      const mail = await renderMail(content);
      expect(mail.subject.length).toBeGreaterThan(10);
      for (const part of [mail.html, mail.text]) {
        // The plain text sets headings in capitals.
        expect(part.toLowerCase()).toContain(
          content.kind === "DIGEST" ? "moving house" : "bill shock",
        );
        expect(part).toContain("conductor.example/communications/c1?tab=review");
        expect(part).toContain("Harbour Energy");
        expect(part).toContain("Unsubscribe from these emails");
      }
      expect(mail.html).toContain(`href="${frame.unsubscribeUrl}"`);
      expect(mail.html).toMatch(/^<!DOCTYPE html/);
      expect(mail.text).not.toMatch(/<[a-z]/i);
    });

  it("puts the quoted comment in both parts, and the stage with its due time in the organisation's zone", async () => {
    const mention = await renderMail(every[0]!);
    expect(mention.subject).toBe("Chloe Martin mentioned you on “Bill shock”");
    expect(mention.text).toContain("Say when the rise starts.");
    const waiting = await renderMail(every[1]!);
    expect(waiting.text).toContain("Stage: Legal · Due: 4 Jan 2027, 09:30");
    const auckland = await renderMail({
      ...(every[1] as MailContent & { kind: "REVIEW_WAITING" }),
      timeZone: "Pacific/Auckland",
    });
    expect(auckland.text).toContain("Due: 4 Jan 2027, 22:30");
  });

  it("escapes what people wrote: a comment cannot inject markup into the mail", async () => {
    const mail = await renderMail({
      ...(every[0] as MailContent & { kind: "MENTION" }),
      quote: '<img src=x onerror="alert(1)"> & <b>bold</b>',
    });
    expect(mail.html).not.toContain("<img src=x");
    expect(mail.html).toContain("&lt;img src=x");
    expect(mail.text).toContain('<img src=x onerror="alert(1)"> & <b>bold</b>');
  });

  it("counts a digest's updates and messages in its subject", async () => {
    expect((await renderMail(every[7]!)).subject).toBe("Harbour Energy: 2 updates on 2 messages");
  });
});
