"use client";
import { acceptingImpact } from "@conductor/core/suggestion-impact";
import {
  acceptedPlainText,
  applySuggestion,
  type Channel,
  type EditingMode,
  pendingSuggestions,
  type Suggestion,
  type SuggestionFilter,
  suggestionsMatching,
} from "@conductor/editor";
import { createAnalyzer, type Finding } from "@conductor/rules";
import { Badge } from "@conductor/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type Editor, EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { clsx } from "clsx";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { BriefPanel } from "~/components/brief/brief-panel";
import { ClarityPanel } from "~/components/clarity/clarity-panel";
import { useLiveClarity } from "~/components/clarity/use-live-clarity";
import { CommentsPanel, type PendingAnchor } from "~/components/comments/comments-panel";
import { CustomerView } from "~/components/customer/customer-view";
import { editorExtensions } from "~/components/editor/editor-extensions";
import { Toolbar } from "~/components/editor/toolbar";
import { useYText } from "~/components/editor/use-y-text";
import { ChannelPreview } from "~/components/preview/channel-preview";
import { ReviewPanel } from "~/components/review/review-panel";
import { VersionsPanel } from "~/components/versions/versions-panel";
import { useTRPC } from "~/trpc/react";
import { EditingModeSwitch } from "./editing-mode-switch";
import type { Collaborator } from "./presence";
import {
  type ChangeRequest,
  describeSuggestion,
  type SuggestionImpacts,
  type SuggestionRequest,
  SuggestionsPanel,
} from "./suggestions-panel";
import { type ServerMessage, useCollabSession } from "./use-collab-session";
import { WorkspaceTabs } from "./workspace-tabs";

const tabs = [
  ["brief", "Brief"],
  ["clarity", "Clarity"],
  ["suggestions", "Suggestions"],
  ["comments", "Comments"],
  ["versions", "Versions"],
  ["preview", "Preview"],
  ["customer", "Customer"],
  ["review", "Review"],
] as const;
type Tab = (typeof tabs)[number][0];

const stateLabels = {
  connecting: { text: "Connecting…", tone: "neutral" },
  connected: { text: "Live", tone: "success" },
  reconnecting: {
    text: "Reconnecting to co-editing — your edits are kept and merge when it is back",
    tone: "warning",
  },
  refused: { text: "No access", tone: "danger" },
} as const;

export function CommunicationWorkspace(props: {
  communicationId: string;
  channel: Channel;
  organizationId: string;
  organizationName: string;
  /** The owner and comms managers change the brief (the server checks again). */
  canEditBrief: boolean;
  /** The owner and comms managers accept and reject suggestions (the server checks again). */
  canDecideSuggestions: boolean;
  /** While a review is open, everyone but the owner may only suggest (the server checks again). */
  mustSuggest: boolean;
  /** The function my suggestions carry (my first one), or null. */
  myFunction: string | null;
  me: Collaborator;
  collab: { publicUrl: string | null; port: number };
}) {
  const { communicationId, channel } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Arriving from a notification (?thread=…) opens that thread.
  const linkedThread = useSearchParams().get("thread");
  // ?tab=review (from a review notification) opens that tab.
  const linkedTab = useSearchParams().get("tab");
  const [tab, setTab] = useState<Tab>(
    linkedThread
      ? "comments"
      : linkedTab === "review" || linkedTab === "suggestions"
        ? linkedTab
        : "clarity",
  );
  // A linked thread on the brief lives in the Brief tab.
  const linkedThreads = useQuery(
    trpc.comments.list.queryOptions({ communicationId }, { enabled: Boolean(linkedThread) }),
  );
  const linkedOnBrief = linkedThreads.data?.find((t) => t.id === linkedThread)?.subject === "BRIEF";
  useEffect(() => {
    if (linkedOnBrief) setTab("brief");
  }, [linkedOnBrief]);
  const [versionsRevision, setVersionsRevision] = useState(0);

  const onMessage = useCallback(
    (message: ServerMessage) => {
      if (message.type === "versions-changed") {
        setVersionsRevision((n) => n + 1);
        // "The last saved version" beside Submit is now another one: its
        // predicted calls are asked again, not served from the cache.
        void queryClient.invalidateQueries({ queryKey: trpc.calls.prediction.queryKey() });
      }
      if (message.type === "comments-changed") {
        void queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey() });
        // A new comment may mention me: the header's count follows.
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
      }
    },
    [queryClient, trpc],
  );
  const session = useCollabSession({
    communicationId,
    collab: props.collab,
    me: props.me,
    onMessage,
  });
  // Not before the first sync: typing into the still-empty editor would land
  // as a separate paragraph ahead of the stored text when it arrives.
  const canEdit = session.access === "write" && session.state !== "refused" && session.synced;
  // The server refused a direct edit (a review opened since the page loaded): suggest from now on.
  const mustSuggest = props.mustSuggest || session.suggestOnly;
  const [mode, setMode] = useState<EditingMode>(mustSuggest ? "suggesting" : "editing");
  useEffect(() => {
    if (mustSuggest) setMode((m) => (m === "editing" ? "suggesting" : m));
  }, [mustSuggest]);
  const effectiveMode: EditingMode = canEdit ? mode : "viewing";

  // The editor whose view is mounted (a reconnect builds a new editor).
  const [mounted, setMounted] = useState<Editor | null>(null);
  const editor = useEditor(
    {
      extensions: editorExtensions(channel, session.document, session.provider?.awareness ?? null, {
        id: props.me.userId,
        function: props.myFunction,
      }),
      immediatelyRender: false,
      editable: false,
      // The view exists only once mounted; everything that touches it waits.
      onCreate: ({ editor: created }) => setMounted(created),
      onDestroy: () => setMounted((current) => (current?.isDestroyed ? null : current)),
      editorProps: {
        attributes: {
          "aria-label": "Message text",
          role: "textbox",
          "aria-multiline": "true",
          class: "px-5 py-4",
        },
      },
    },
    [session.provider],
  );
  const view = editor && mounted === editor && !editor.isDestroyed ? editor : null;
  useEffect(() => {
    if (!view) return;
    (view.storage as unknown as { suggesting: { mode: EditingMode } }).suggesting.mode =
      effectiveMode;
    view.setEditable(effectiveMode !== "viewing");
  }, [view, effectiveMode]);

  // Email's subject and preheader are shared fields beside the body.
  const [subject, setSubject] = useYText(session.document, "subject");
  const [preheader, setPreheader] = useYText(session.document, "preheader");

  const {
    analysis,
    activeKey,
    highlight,
    options: clarityOptions,
    fields: clarityFields,
  } = useLiveClarity({
    communicationId,
    organizationId: props.organizationId,
    channel,
    editor: view,
    synced: session.synced,
    subject,
    preheader,
  });

  /** Selects a stretch of the plain text in the editor (brief check "show in the text"). */
  const selectText = (at: { start: number; end: number }) => {
    const editor = view;
    if (!editor || !analysis) return;
    editor
      .chain()
      .focus()
      .setTextSelection({
        from: analysis.plain.toDocPos(at.start),
        to: analysis.plain.toDocPos(at.end, "end"),
      })
      .scrollIntoView()
      .run();
  };

  const applyFinding = (finding: Finding, suggestion: string) => {
    const editor = view;
    if (!editor) return;
    // Offsets from the newest text: a remote edit may have landed since the panel drew.
    const plain = acceptedPlainText(editor.state.doc, { mergeFields: "sample" });
    if (plain.text.slice(finding.start, finding.end) !== finding.actual) return;
    editor.view.dispatch(applySuggestion(editor.state, plain, finding, suggestion));
    editor.commands.focus();
  };

  // Comments ---------------------------------------------------------------
  const announceComments = () =>
    session.provider?.sendStateless(JSON.stringify({ type: "comments-changed" }));
  const [pending, setPending] = useState<PendingAnchor | null>(null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(linkedThread || null);
  const startComment = () => {
    const editor = view;
    if (!editor) return;
    const { from, to } = editor.state.selection;
    if (from === to) return;
    setPending({
      from,
      to,
      quote: editor.state.doc.textBetween(from, to, " ", " ").slice(0, 2000),
    });
    setTab("comments");
  };
  const anchor = async (threadId: string, at: PendingAnchor) => {
    const editor = view;
    setPending(null);
    if (editor && canEdit) {
      editor
        .chain()
        .setTextSelection({ from: at.from, to: at.to })
        .setMark("comment", { threadId })
        .run();
      return;
    }
    // A read-only connection cannot change the document: the server marks the text.
    const answer = await session.ask({
      type: "anchor-comment",
      threadId,
      from: at.from,
      to: at.to,
    });
    if (!answer.ok) throw new Error(answer.error ?? "The comment could not be anchored");
  };
  const selectThread = (threadId: string) => {
    const editor = view;
    if (!editor) return;
    setActiveThreadId(threadId);
    let range: { from: number; to: number } | null = null;
    editor.state.doc.descendants((node, pos) => {
      if (node.marks.some((m) => m.type.name === "comment" && m.attrs.threadId === threadId)) {
        range = range
          ? { from: range.from, to: pos + node.nodeSize }
          : { from: pos, to: pos + node.nodeSize };
      }
    });
    if (range) editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  };
  useEffect(() => {
    const editor = view;
    if (!editor) return;
    const onClick = (event: MouseEvent) => {
      const anchorEl = (event.target as HTMLElement).closest("[data-comment-thread]");
      const id = anchorEl?.getAttribute("data-comment-thread");
      if (id) {
        setActiveThreadId(id);
        setTab("comments");
      }
    };
    const dom = editor.view.dom;
    dom.addEventListener("click", onClick);
    return () => dom.removeEventListener("click", onClick);
  }, [view]);

  // Versions go through the collaboration server, which holds the live document.
  const versionRequest = async (
    message:
      | { type: "save-version"; name: string }
      | { type: "restore-version"; versionId: string },
  ) => {
    const answer = await session.ask(message);
    if (!answer.ok) throw new Error(answer.error);
    return { id: answer.versionId, number: answer.versionNumber };
  };

  // Suggestions are decided by the collaboration server, beside the live document.
  const decideSuggestions = async (request: SuggestionRequest) => {
    const answer = await session.ask({ type: "decide-suggestions", ...request });
    if (!answer.ok) throw new Error(answer.error);
  };
  const suggestions =
    useEditorState({
      editor,
      selector: ({ editor: e }) => (e ? pendingSuggestions(e.state.doc) : []),
      equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    }) ?? [];
  // What accepting would change (score, findings), for all, each function and
  // each card, scored off the frame path once the text has been still for a
  // moment, and only while the tab is open. Past 50 pending suggestions the
  // cards go without (each costs a scoring); functions and "all" keep theirs.
  const whatIf = useMemo(() => createAnalyzer(clarityOptions), [clarityOptions]);
  const [impacts, setImpacts] = useState<SuggestionImpacts | null>(null);
  useEffect(() => {
    if (tab !== "suggestions" || !analysis || suggestions.length === 0) {
      setImpacts(null);
      return;
    }
    const timer = setTimeout(() => {
      const of = (which: SuggestionFilter) =>
        acceptingImpact(whatIf, clarityFields, analysis.doc, analysis.result, which);
      const functions = [
        ...new Set(suggestions.map((s) => s.authorFunction).filter((f): f is string => !!f)),
      ];
      setImpacts({
        all: of(suggestionsMatching.all()),
        byFunction: Object.fromEntries(
          functions.map((f) => [f, of(suggestionsMatching.byFunction(f))]),
        ),
        bySuggestion:
          suggestions.length <= 50
            ? Object.fromEntries(suggestions.map((s) => [s.id, of(suggestionsMatching.one(s.id))]))
            : {},
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [tab, analysis, suggestions, whatIf, clarityFields]);

  // The suggestions the editor's selection touches: "accept / reject selected".
  const selectedIds =
    useEditorState({
      editor,
      selector: ({ editor: e }) => {
        if (!e) return [];
        const { from, to } = e.state.selection;
        if (from === to) return [];
        return pendingSuggestions(e.state.doc)
          .filter((s) => s.from < to && s.to > from)
          .map((s) => s.id);
      },
      equalityFn: (a, b) => a.join() === b?.join(),
    }) ?? [];
  // Requests for changes in the newest review, each with the suggestions it
  // carried (kept past a resubmission: what they proposed may still be pending).
  const current = useQuery(
    trpc.reviews.current.queryOptions({ communicationId }, { enabled: tab === "suggestions" }),
  );
  const requests: ChangeRequest[] = (current.data?.review?.decisions ?? [])
    .filter((d) => d.kind === "REQUEST_CHANGES")
    .map((d) => ({
      id: d.id,
      reviewerName: d.reviewer.name,
      function: d.function,
      reasonCode: d.reasonCode,
      comment: d.comment,
      suggestionIds: Array.isArray(d.suggestions)
        ? d.suggestions.flatMap((s) =>
            s && typeof s === "object" && "id" in s && typeof s.id === "string" ? [s.id] : [],
          )
        : [],
    }));
  // A suggestion's reply thread is a comment thread anchored on its text.
  const threadsOfSuggestion = (suggestion: Suggestion) => {
    const ids = new Set<string>();
    view?.state.doc.nodesBetween(suggestion.from, suggestion.to, (node) => {
      for (const mark of node.marks)
        if (mark.type.name === "comment" && mark.attrs.threadId) ids.add(mark.attrs.threadId);
    });
    return [...ids];
  };
  const discussSuggestion = (suggestion: Suggestion) => {
    setPending({
      from: suggestion.from,
      to: suggestion.to,
      quote: describeSuggestion(suggestion).slice(0, 2000),
    });
    setTab("comments");
  };
  const selectSuggestion = (suggestion: Suggestion) =>
    view
      ?.chain()
      .focus()
      .setTextSelection({ from: suggestion.from, to: suggestion.to })
      .scrollIntoView()
      .run();

  // Re-render the toolbar as the selection moves (active marks, "Comment" enabled).
  useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? { selection: e.state.selection.toJSON() } : null),
  });

  const status =
    session.state === "connected" && !session.synced
      ? ({ text: "Loading…", tone: "neutral" } as const)
      : stateLabels[session.state];
  if (session.state === "refused") {
    // Access is gone: what was on screen goes too.
    return (
      <div role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800">
        {session.refusal}{" "}
        <a href="/communications" className="font-medium underline">
          Back to communications
        </a>
      </div>
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <section aria-label="Message" className="min-w-0">
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={status.tone}>{status.text}</Badge>
          {session.access === "read" ? (
            <Badge tone="neutral">Read only — you can comment, not edit</Badge>
          ) : canEdit ? (
            <EditingModeSwitch mode={mode} editingAllowed={!mustSuggest} onChange={setMode} />
          ) : null}
          {canEdit && mustSuggest ? (
            <Badge tone="warning">Review open — your changes are suggestions</Badge>
          ) : null}
          <span className="ml-auto text-xs text-slate-500">Here now:</span>
          <ul aria-label="Who is here" className="flex flex-wrap gap-1">
            {session.people.map((person) => (
              <li
                key={person.userId}
                className="flex items-center gap-1 rounded-full bg-white px-2 py-0.5 text-xs ring-1 ring-slate-200"
              >
                <span
                  className="h-2.5 w-2.5 rounded-full"
                  style={{ backgroundColor: person.color }}
                  aria-hidden
                />
                <span className="font-medium text-slate-800">
                  {person.name}
                  {person.userId === props.me.userId ? " (you)" : ""}
                </span>
                <span className="text-slate-500">{person.label}</span>
              </li>
            ))}
          </ul>
        </div>

        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          {channel === "EMAIL" ? (
            <div className="grid gap-2 border-b border-slate-200 px-4 py-3">
              <label className="grid grid-cols-[6rem_1fr] items-center gap-2 text-sm">
                <span className="text-slate-600">Subject</span>
                <input
                  value={subject}
                  onChange={(e) => setSubject(e.target.value)}
                  // Suggestions cover the body; the subject changes only in Editing.
                  disabled={!canEdit || effectiveMode !== "editing"}
                  className="rounded border border-slate-300 px-2 py-1 disabled:bg-slate-50"
                />
              </label>
              <label className="grid grid-cols-[6rem_1fr] items-center gap-2 text-sm">
                <span className="text-slate-600">Preheader</span>
                <input
                  value={preheader}
                  onChange={(e) => setPreheader(e.target.value)}
                  disabled={!canEdit || effectiveMode !== "editing"}
                  placeholder="The line inboxes show after the subject"
                  className="rounded border border-slate-300 px-2 py-1 disabled:bg-slate-50"
                />
              </label>
            </div>
          ) : null}
          {view ? (
            <Toolbar
              editor={view}
              channel={channel}
              canEdit={canEdit && effectiveMode !== "viewing"}
              suggesting={effectiveMode === "suggesting"}
              onComment={startComment}
            />
          ) : null}
          <div className={clsx("message-editor", !session.synced && "opacity-60")}>
            <EditorContent editor={editor} />
          </div>
        </div>
      </section>

      <aside aria-label="Review tools" className="min-w-0">
        <WorkspaceTabs<Tab> label="Review tools" tabs={tabs} selected={tab} onSelect={setTab}>
          {tab === "brief" ? (
            <BriefPanel
              communicationId={communicationId}
              organizationId={props.organizationId}
              canEdit={props.canEditBrief}
              report={analysis?.result.brief ?? null}
              tone={analysis?.result.tone ?? null}
              channel={channel}
              callDrivers={analysis?.result.callDrivers ?? []}
              onJump={selectText}
              announce={announceComments}
            />
          ) : null}
          {tab === "clarity" ? (
            analysis ? (
              <ClarityPanel
                result={analysis.result}
                activeKey={activeKey}
                onSelect={highlight}
                onApply={canEdit ? applyFinding : undefined}
              />
            ) : (
              <p className="text-sm text-slate-500">Scoring…</p>
            )
          ) : null}
          {tab === "suggestions" ? (
            <SuggestionsPanel
              suggestions={suggestions}
              selectedIds={selectedIds}
              impacts={impacts}
              threadsOf={threadsOfSuggestion}
              onDiscuss={discussSuggestion}
              onOpenThread={(threadId) => {
                setTab("comments");
                selectThread(threadId);
              }}
              requests={requests}
              myUserId={props.me.userId}
              canDecide={props.canDecideSuggestions && canEdit}
              decide={decideSuggestions}
              onSelect={selectSuggestion}
            />
          ) : null}
          {tab === "comments" ? (
            <CommentsPanel
              communicationId={communicationId}
              pending={pending}
              anchoredThreadIds={analysis?.threads ?? new Set()}
              activeThreadId={activeThreadId}
              anchor={anchor}
              onCancelPending={() => setPending(null)}
              onSelectThread={selectThread}
              announce={announceComments}
            />
          ) : null}
          {tab === "versions" ? (
            <VersionsPanel
              communicationId={communicationId}
              canEdit={canEdit}
              revision={versionsRevision}
              save={(name) => versionRequest({ type: "save-version", name })}
              restore={(versionId) => versionRequest({ type: "restore-version", versionId })}
            />
          ) : null}
          {tab === "customer" ? (
            <CustomerView
              communicationId={communicationId}
              organizationName={props.organizationName}
              channel={channel}
              live={
                analysis
                  ? {
                      text: acceptedPlainText(analysis.doc).text,
                      subject: channel === "EMAIL" ? subject : "",
                      preheader: channel === "EMAIL" ? preheader : "",
                    }
                  : null
              }
              canSaveVersion={canEdit}
              myUserId={props.me.userId}
              revision={versionsRevision}
              saveVersion={(name) => versionRequest({ type: "save-version", name })}
            />
          ) : null}
          {tab === "review" ? (
            <ReviewPanel
              communicationId={communicationId}
              organizationId={props.organizationId}
              channel={channel}
              draftText={analysis ? acceptedPlainText(analysis.doc).text : null}
              saveVersion={(name) => versionRequest({ type: "save-version", name })}
            />
          ) : null}
          {tab === "preview" ? (
            <ChannelPreview
              channel={channel}
              content={analysis?.content ?? null}
              subject={subject}
              preheader={preheader}
              result={analysis?.result ?? null}
              organizationName={props.organizationName}
            />
          ) : null}
        </WorkspaceTabs>
      </aside>
    </div>
  );
}
