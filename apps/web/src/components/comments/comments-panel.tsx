"use client";
import type { RouterOutputs } from "@conductor/api";
import { Button } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { useState } from "react";
import { formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";
import { MentionTextarea, unknownSentence } from "./mention-box";

/** The selection someone is about to comment on. */
export interface PendingAnchor {
  from: number;
  to: number;
  quote: string;
}

/** The handles the server says matched nobody, when a posted comment answers with them. */
const unheardIn = (posted: unknown): string[] => {
  const handles = (posted as { unknownHandles?: unknown } | null)?.unknownHandles;
  return Array.isArray(handles) ? handles.filter((h): h is string => typeof h === "string") : [];
};

export function CommentBox(props: {
  label: string;
  submitLabel: string;
  /** The communication commented on: who can be @mentioned comes from its organisation. */
  communicationId: string;
  initial?: string;
  onSubmit(body: string): Promise<unknown>;
  onCancel?(): void;
}) {
  const [body, setBody] = useState(props.initial ?? "");
  const [error, setError] = useState<string | null>(null);
  const [unheard, setUnheard] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="mt-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        setUnheard([]);
        try {
          setUnheard(unheardIn(await props.onSubmit(body)));
          setBody("");
        } catch (caught) {
          setError((caught as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label className="sr-only" htmlFor={`box-${props.label}`}>
        {props.label}
      </label>
      <MentionTextarea
        id={`box-${props.label}`}
        label={props.label}
        communicationId={props.communicationId}
        value={body}
        onChange={(value) => {
          setBody(value);
          setUnheard([]);
        }}
      />
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
      {unheard.length > 0 ? (
        <p className="text-xs text-amber-800" role="status">
          Posted. {unknownSentence(unheard).replace("will be notified", "was notified")}
        </p>
      ) : null}
      <div className="mt-1 flex gap-2">
        <Button type="submit" disabled={busy || !body.trim()}>
          {props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button type="button" variant="secondary" onClick={props.onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Threads beside the text: start one on a selection, reply, @mention,
 * resolve and reopen. A thread whose text was deleted stays, marked
 * "text removed", with the words it was about.
 */
export function CommentsPanel(props: {
  communicationId: string;
  pending: PendingAnchor | null;
  anchoredThreadIds: ReadonlySet<string>;
  activeThreadId: string | null;
  /** Puts the comment mark on the pending selection (editors only). */
  anchor(threadId: string, at: PendingAnchor): Promise<void>;
  onCancelPending(): void;
  onSelectThread(threadId: string): void;
  /** Tells the other editors to refresh their threads. */
  announce(): void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const threadsQuery = useQuery(
    trpc.comments.list.queryOptions(
      { communicationId: props.communicationId },
      { refetchInterval: 30_000 },
    ),
  );
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey() });
    props.announce();
  };
  const start = useMutation(trpc.comments.start.mutationOptions());
  const [showResolved, setShowResolved] = useState(false);
  const [unheard, setUnheard] = useState<string[]>([]);

  // Threads on the brief live in the Brief tab.
  const threads = (threadsQuery.data ?? []).filter((t) => t.subject === "TEXT");
  const open = threads.filter((t) => !t.resolved);
  const resolved = threads.filter((t) => t.resolved);
  const visible = showResolved ? threads : open;

  return (
    <div>
      {props.pending ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-xs text-amber-900">
            New comment on <q className="font-medium">{props.pending.quote}</q>
          </p>
          <CommentBox
            label="New comment"
            submitLabel="Comment"
            communicationId={props.communicationId}
            onCancel={props.onCancelPending}
            onSubmit={async (body) => {
              const thread = await start.mutateAsync({
                communicationId: props.communicationId,
                quote: props.pending!.quote,
                body,
              });
              await props.anchor(thread.id, props.pending!);
              await refresh();
              // The box closes with the selection: the panel says what went unheard.
              setUnheard(thread.unknownHandles);
            }}
          />
        </div>
      ) : (
        <p className="text-xs text-slate-500">Select text in the message, then choose “Comment”.</p>
      )}
      {unheard.length > 0 && !props.pending ? (
        <p className="mt-2 text-xs text-amber-800" role="status">
          Posted. {unknownSentence(unheard).replace("will be notified", "was notified")}
        </p>
      ) : null}

      <div className="mt-3 flex items-center justify-between text-xs text-slate-600">
        <span>
          {open.length} open · {resolved.length} resolved
        </span>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(e) => setShowResolved(e.target.checked)}
          />
          Show resolved
        </label>
      </div>

      <ThreadList
        communicationId={props.communicationId}
        threads={visible}
        anchoredThreadIds={props.anchoredThreadIds}
        activeThreadId={props.activeThreadId}
        onSelectThread={props.onSelectThread}
        refresh={refresh}
      />
    </div>
  );
}

/**
 * Threads with their comments, replies, edits and resolve/reopen. A thread on
 * the text whose words were deleted shows "text removed" with the words it
 * was about; threads on the brief have no place in the text.
 */
export function ThreadList(props: {
  communicationId: string;
  threads: RouterOutputs["comments"]["list"];
  /** Threads on the text still marked in the document; none for brief threads. */
  anchoredThreadIds?: ReadonlySet<string>;
  activeThreadId?: string | null;
  onSelectThread?(threadId: string): void;
  refresh(): Promise<void>;
}) {
  const trpc = useTRPC();
  const reply = useMutation(trpc.comments.reply.mutationOptions());
  const resolve = useMutation(trpc.comments.resolve.mutationOptions());
  const edit = useMutation(trpc.comments.edit.mutationOptions());
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <ul className="mt-2 space-y-3">
      {props.threads.map((thread) => {
        const removed = props.anchoredThreadIds ? !props.anchoredThreadIds.has(thread.id) : false;
        return (
          <li
            key={thread.id}
            data-thread={thread.id}
            aria-label={`Comment thread on “${thread.quote}”`}
            className={clsx(
              "rounded-md border p-3 text-sm",
              props.activeThreadId === thread.id
                ? "border-amber-400 bg-amber-50"
                : "border-slate-200 bg-white",
              thread.resolved && "opacity-75",
            )}
          >
            <button
              type="button"
              className="block w-full text-left text-xs text-slate-600 hover:underline disabled:no-underline"
              disabled={removed}
              onClick={() => props.onSelectThread?.(thread.id)}
            >
              {removed ? (
                <span className="mr-1 rounded bg-slate-200 px-1 font-medium text-slate-700">
                  text removed
                </span>
              ) : null}
              {thread.subject === "BRIEF" ? (
                <span className="mr-1 rounded bg-indigo-50 px-1 font-medium text-indigo-800">
                  brief
                </span>
              ) : null}
              <q className={clsx(removed && "line-through")}>{thread.quote}</q>
            </button>
            <ol className="mt-2 space-y-2">
              {thread.comments.map((comment) => (
                <li key={comment.id}>
                  <p className="text-xs text-slate-500">
                    <span className="font-medium text-slate-800">{comment.author.name}</span> ·{" "}
                    {formatDateTime(comment.createdAt)}
                    {comment.editedAt ? " · edited" : ""}
                  </p>
                  {editing === comment.id ? (
                    <CommentBox
                      label="Edit comment"
                      submitLabel="Save"
                      communicationId={props.communicationId}
                      initial={comment.body}
                      onCancel={() => setEditing(null)}
                      onSubmit={async (body) => {
                        await edit.mutateAsync({
                          communicationId: props.communicationId,
                          commentId: comment.id,
                          body,
                        });
                        setEditing(null);
                        await props.refresh();
                      }}
                    />
                  ) : (
                    <p className="whitespace-pre-wrap text-slate-900">
                      {comment.body}
                      {comment.canEdit ? (
                        <button
                          type="button"
                          className="ml-2 text-xs text-indigo-700 hover:underline"
                          onClick={() => setEditing(comment.id)}
                        >
                          Edit
                        </button>
                      ) : null}
                    </p>
                  )}
                </li>
              ))}
            </ol>
            {thread.resolved ? (
              <p className="mt-2 text-xs text-emerald-800">
                Resolved by {thread.resolvedBy?.name} ·{" "}
                {formatDateTime(thread.resolvedAt ?? thread.createdAt)}
              </p>
            ) : (
              <CommentBox
                label={`Reply to “${thread.quote}”`}
                submitLabel="Reply"
                communicationId={props.communicationId}
                onSubmit={async (body) => {
                  const posted = await reply.mutateAsync({
                    communicationId: props.communicationId,
                    threadId: thread.id,
                    body,
                  });
                  await props.refresh();
                  return posted;
                }}
              />
            )}
            {thread.canResolve ? (
              <Button
                type="button"
                variant="secondary"
                className="mt-2"
                onClick={async () => {
                  await resolve.mutateAsync({
                    communicationId: props.communicationId,
                    threadId: thread.id,
                    resolved: !thread.resolved,
                  });
                  await props.refresh();
                }}
              >
                {thread.resolved ? "Reopen" : "Resolve"}
              </Button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
