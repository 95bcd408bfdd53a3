/** @jsxRuntime automatic */
/** @jsxImportSource react */
// The pragmas keep the automatic JSX runtime whichever tsconfig a runner
// (tsx in a package without JSX settings, Next, Vitest) picks up.
import type { MailKind } from "@conductor/db/enums";
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { render } from "@react-email/render";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";

/** What every mail says about where it comes from and how to stop it. */
interface Frame {
  organizationName: string;
  recipientName: string;
  /** One click turns this kind of mail off (the List-Unsubscribe link). */
  unsubscribeUrl: string;
  preferencesUrl: string;
}

/** A review step: which stage and by when. */
interface Stage {
  stageName: string | null;
  dueAt: Date | null;
  timeZone: string;
}

export type MailContent = Frame &
  (
    | { kind: "MENTION"; actorName: string; title: string; quote: string; link: string }
    | ({ kind: "REVIEW_WAITING"; actorName: string; title: string; link: string } & Stage)
    | ({ kind: "DUE_SOON" | "OVERDUE"; title: string; link: string } & Stage)
    | {
        kind: "CHANGES_REQUESTED" | "REVIEW_APPROVED" | "RELEASED" | "SUGGESTION_REJECTED";
        actorName: string;
        title: string;
        /** What the decision said (reason and comment), quoted. */
        quote: string;
        link: string;
      }
    | {
        kind: "DIGEST";
        /** Grouped by communication, newest first inside each. */
        groups: { title: string; link: string; items: { summary: string; at: Date }[] }[];
        timeZone: string;
      }
  );

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const colours = { ink: "#0f172a", muted: "#475569", line: "#e2e8f0", accent: "#1d4ed8" };

function when(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(date);
}

function Layout({
  frame,
  preview,
  children,
}: {
  frame: Frame;
  preview: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "Helvetica, Arial, sans-serif" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            border: `1px solid ${colours.line}`,
            borderRadius: 8,
            margin: "24px auto",
            maxWidth: 560,
            padding: 24,
          }}
        >
          <Text style={{ color: colours.muted, fontSize: 13, margin: 0 }}>
            {frame.organizationName} · Conductor
          </Text>
          {children}
          <Hr style={{ borderColor: colours.line, margin: "24px 0 12px" }} />
          <Text style={{ color: colours.muted, fontSize: 12, lineHeight: "18px", margin: 0 }}>
            Sent to {frame.recipientName} by {frame.organizationName}'s Conductor.{" "}
            <Link
              href={frame.unsubscribeUrl}
              style={{ color: colours.muted, textDecoration: "underline" }}
            >
              Unsubscribe from these emails
            </Link>{" "}
            or{" "}
            <Link
              href={frame.preferencesUrl}
              style={{ color: colours.muted, textDecoration: "underline" }}
            >
              choose what you get
            </Link>
            .
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={{ color: colours.ink, fontSize: 20, margin: "12px 0" }}>
      {children}
    </Heading>
  );
}

function Quote({ children }: { children: ReactNode }) {
  return (
    <Section
      style={{ borderLeft: `3px solid ${colours.line}`, margin: "12px 0", padding: "0 12px" }}
    >
      <Text style={{ color: colours.ink, fontSize: 15, margin: 0, whiteSpace: "pre-wrap" }}>
        {children}
      </Text>
    </Section>
  );
}

function Open({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button
      href={href}
      style={{
        backgroundColor: colours.accent,
        borderRadius: 6,
        color: "#ffffff",
        fontSize: 15,
        padding: "10px 16px",
      }}
    >
      {children}
    </Button>
  );
}

function StageLine({ stage }: { stage: Stage }) {
  if (!stage.stageName && !stage.dueAt) return null;
  return (
    <Text style={{ color: colours.ink, fontSize: 15 }}>
      {stage.stageName ? (
        <>
          Stage: <strong>{stage.stageName}</strong>
        </>
      ) : null}
      {stage.stageName && stage.dueAt ? " · " : null}
      {stage.dueAt ? (
        <>
          Due: <strong>{when(stage.dueAt, stage.timeZone)}</strong>
        </>
      ) : null}
    </Text>
  );
}

const decisionWords = {
  CHANGES_REQUESTED: (title: string) => `Changes requested on “${title}”`,
  REVIEW_APPROVED: (title: string) => `“${title}” is approved and ready to release`,
  RELEASED: (title: string) => `“${title}” was released`,
  SUGGESTION_REJECTED: (title: string) => `Your suggestion on “${title}” was not accepted`,
} as const;

/** Subject and body for one mail; the plain text is rendered from the same tree. */
function compose(content: MailContent): { subject: string; element: ReactNode } {
  switch (content.kind) {
    case "MENTION": {
      const subject = `${content.actorName} mentioned you on “${content.title}”`;
      return {
        subject,
        element: (
          <Layout frame={content} preview={content.quote}>
            <Title>{subject}</Title>
            <Quote>{content.quote}</Quote>
            <Open href={content.link}>Open the comment</Open>
          </Layout>
        ),
      };
    }
    case "REVIEW_WAITING": {
      const subject = `“${content.title}” is waiting on your review`;
      return {
        subject,
        element: (
          <Layout frame={content} preview={`${content.actorName} sent it on to you`}>
            <Title>{subject}</Title>
            <Text style={{ color: colours.ink, fontSize: 15 }}>
              {content.actorName} moved it to a stage you review.
            </Text>
            <StageLine stage={content} />
            <Open href={content.link}>Open the review</Open>
          </Layout>
        ),
      };
    }
    case "DUE_SOON":
    case "OVERDUE": {
      const subject =
        content.kind === "OVERDUE"
          ? `Review overdue: “${content.title}”`
          : `Review due soon: “${content.title}”`;
      return {
        subject,
        element: (
          <Layout frame={content} preview={subject}>
            <Title>{subject}</Title>
            <Text style={{ color: colours.ink, fontSize: 15 }}>
              {content.kind === "OVERDUE"
                ? "This review is past its due time and still waits on you."
                : "This review waits on you and is due within a day."}
            </Text>
            <StageLine stage={content} />
            <Open href={content.link}>Open the review</Open>
          </Layout>
        ),
      };
    }
    case "CHANGES_REQUESTED":
    case "REVIEW_APPROVED":
    case "RELEASED":
    case "SUGGESTION_REJECTED": {
      const subject = decisionWords[content.kind](content.title);
      return {
        subject,
        element: (
          <Layout frame={content} preview={content.quote}>
            <Title>{subject}</Title>
            <Text style={{ color: colours.muted, fontSize: 14 }}>{content.actorName}:</Text>
            <Quote>{content.quote}</Quote>
            <Open href={content.link}>Open the message</Open>
          </Layout>
        ),
      };
    }
    case "DIGEST": {
      const count = content.groups.reduce((n, g) => n + g.items.length, 0);
      const subject = `${content.organizationName}: ${count} update${count === 1 ? "" : "s"} on ${content.groups.length} message${content.groups.length === 1 ? "" : "s"}`;
      return {
        subject,
        element: (
          <Layout frame={content} preview={subject}>
            <Title>Your daily digest</Title>
            {content.groups.map((group) => (
              <Section key={group.link} style={{ margin: "16px 0" }}>
                <Link
                  href={group.link}
                  style={{ color: colours.accent, fontSize: 16, fontWeight: "bold" }}
                >
                  {group.title}
                </Link>
                {group.items.map((item, i) => (
                  <Text
                    // biome-ignore lint/suspicious/noArrayIndexKey: items have no id and never reorder
                    key={i}
                    style={{ color: colours.ink, fontSize: 14, margin: "4px 0" }}
                  >
                    {item.summary}{" "}
                    <span style={{ color: colours.muted, textDecoration: "underline" }}>
                      ({when(item.at, content.timeZone)})
                    </span>
                  </Text>
                ))}
              </Section>
            ))}
          </Layout>
        ),
      };
    }
  }
}

/** Renders one mail's subject, HTML and plain text from its one template. */
export async function renderMail(content: MailContent): Promise<RenderedMail> {
  const { subject, element } = compose(content);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

export const mailKindOf = (kind: MailContent["kind"]): MailKind => kind;
