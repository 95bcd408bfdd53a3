"use client";
import type { Channel } from "@conductor/editor";
import type { AnalysisResult } from "@conductor/rules";
import type { JSONContent } from "@tiptap/core";
import type { ReactNode } from "react";

/** The message as the customer receives it: merge fields filled with their sample values. */
function renderNode(node: JSONContent, key: number | string): ReactNode {
  const children = node.content?.map((child, i) => renderNode(child, `${key}.${i}`));
  switch (node.type) {
    case "doc":
      return <>{children}</>;
    case "paragraph":
      return (
        <p key={key} className="mb-3 min-h-[1em]">
          {children}
        </p>
      );
    case "heading":
      return (
        <p key={key} className="mb-2 mt-3 text-lg font-semibold">
          {children}
        </p>
      );
    case "bulletList":
      return (
        <ul key={key} className="mb-3 list-disc pl-6">
          {children}
        </ul>
      );
    case "orderedList":
      return (
        <ol key={key} className="mb-3 list-decimal pl-6">
          {children}
        </ol>
      );
    case "listItem":
      return <li key={key}>{children}</li>;
    case "hardBreak":
      return <br key={key} />;
    case "mergeField":
      return <span key={key}>{String(node.attrs?.sample || `{{${node.attrs?.key}}}`)}</span>;
    case "text": {
      let text: ReactNode = node.text;
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") text = <strong>{text}</strong>;
        if (mark.type === "italic") text = <em>{text}</em>;
        if (mark.type === "link") text = <span className="text-indigo-700 underline">{text}</span>;
      }
      return <span key={key}>{text}</span>;
    }
    default:
      return <span key={key}>{children}</span>;
  }
}

/** Plain text of the document with merge fields filled, for SMS and push. */
function plainOf(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "mergeField") return String(node.attrs?.sample ?? "");
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(plainOf);
  return node.type === "doc" ? inner.join("\n\n") : inner.join("");
}

export function ChannelPreview(props: {
  channel: Channel;
  content: JSONContent | null;
  subject: string;
  preheader: string;
  result: AnalysisResult | null;
  organizationName: string;
}) {
  const { channel, content } = props;
  if (!content) return <p className="text-sm text-slate-500">Loading the message…</p>;
  if (channel === "SMS" || channel === "PUSH") {
    const text = plainOf(content);
    const sms = props.result?.sms;
    return (
      <figure aria-label="SMS preview">
        <div className="mx-auto w-64 rounded-3xl border-4 border-slate-800 bg-slate-50 p-3">
          <div className="whitespace-pre-wrap rounded-2xl rounded-bl-sm bg-slate-200 px-3 py-2 text-sm text-slate-900">
            {text || " "}
          </div>
        </div>
        <figcaption className="mt-2 text-center text-xs text-slate-600">
          {text.length} characters
          {sms
            ? ` · ${sms.encoding} · ${sms.segments} segment${sms.segments === 1 ? "" : "s"}`
            : ""}
        </figcaption>
      </figure>
    );
  }
  if (channel === "EMAIL") {
    return (
      <figure aria-label="Email preview" className="rounded-lg border border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-4 py-3">
          <p className="text-sm font-semibold text-slate-900">
            {props.subject || <span className="text-red-700">No subject</span>}
          </p>
          <p className="truncate text-xs text-slate-500">
            {props.preheader || "No preheader: inboxes will show the first line instead"}
          </p>
        </div>
        <div className="px-4 py-3 text-sm text-slate-900">{renderNode(content, "root")}</div>
      </figure>
    );
  }
  return (
    <figure
      aria-label={`${channel === "LETTER" ? "Letter" : "Page"} preview`}
      className="mx-auto aspect-[1/1.414] w-full max-w-sm overflow-hidden bg-white p-8 font-serif text-[13px] leading-relaxed text-slate-900 shadow-md ring-1 ring-slate-200"
    >
      <p className="mb-6 text-right text-xs text-slate-500">{props.organizationName}</p>
      {renderNode(content, "root")}
    </figure>
  );
}
