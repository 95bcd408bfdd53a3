"use client";
import { Alert, Button, Card } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";

const scopeLabels = {
  RELEASES: "Records releases",
  CALL_VOLUME: "Sends call volume",
} as const;

/**
 * Tokens other systems use: a sending system recording releases
 * (POST /api/v1/releases) or the contact centre's nightly call-volume feed
 * (POST /api/v1/call-volume). The token is shown once, when made; revoking
 * one stops it at once.
 */
export function ReleaseTokens(props: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId: props.organizationId };
  const tokens = useQuery(trpc.releaseTokens.list.queryOptions(scope));
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.releaseTokens.list.queryKey() });
  const create = useMutation(trpc.releaseTokens.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.releaseTokens.revoke.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const [tokenScope, setTokenScope] = useState<keyof typeof scopeLabels>("RELEASES");
  return (
    <Card title="API tokens">
      <p className="mb-3 text-sm text-slate-600">
        A sending system records a release with <code>POST /api/v1/releases</code>; the contact
        centre sends call counts as CSV to <code>POST /api/v1/call-volume</code>. Both with{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>, a token made for that purpose.
      </p>
      <form
        className="flex items-end gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          await create.mutateAsync({ ...scope, name, scope: tokenScope });
          setName("");
        }}
      >
        <label className="flex-1 text-sm">
          <span className="text-xs font-medium text-slate-700">System</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Mail house"
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-sm">
          <span className="text-xs font-medium text-slate-700">May</span>
          <select
            aria-label="What the token may do"
            value={tokenScope}
            onChange={(e) => setTokenScope(e.target.value as keyof typeof scopeLabels)}
            className="mt-1 block rounded-md border border-slate-300 px-1 py-1"
          >
            {Object.entries(scopeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" busy={create.isPending} disabled={name.trim().length < 2}>
          Make a token
        </Button>
      </form>
      {create.data ? (
        <div className="mt-3">
          <Alert
            tone="success"
            title={`Token for ${create.data.name} — copy it now, it is not shown again`}
          >
            <code data-release-token className="break-all">
              {create.data.token}
            </code>
          </Alert>
        </div>
      ) : null}
      {create.error ? <p className="mt-2 text-xs text-red-700">{create.error.message}</p> : null}
      <ul className="mt-3 divide-y divide-slate-100 text-sm">
        {tokens.data?.map((token) => (
          <li key={token.id} className="flex items-center gap-2 py-2">
            <span className="font-medium">{token.name}</span>
            <code className="text-xs text-slate-500">{token.prefix}…</code>
            <span className="text-xs text-slate-600">{scopeLabels[token.scope]}</span>
            <span className="text-xs text-slate-500">
              made {formatDateTime(token.createdAt)}
              {token.lastUsedAt
                ? ` · last used ${formatDateTime(token.lastUsedAt)}`
                : " · never used"}
            </span>
            <span className="ml-auto">
              {token.revokedAt ? (
                <span className="text-xs text-red-700">
                  revoked {formatDateTime(token.revokedAt)}
                </span>
              ) : (
                <Button
                  variant="secondary"
                  onClick={() => revoke.mutate({ ...scope, tokenId: token.id })}
                >
                  Revoke {token.name}
                </Button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
