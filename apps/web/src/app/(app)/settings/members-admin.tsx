"use client";
import type { RouterOutputs } from "@conductor/api";
import { functionLabels, roleLabels } from "@conductor/core/labels";
import { functionValues, roleValues } from "@conductor/core/schemas";
import { Alert, Badge, Button, Card, CheckboxGroup, TextField } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

type MemberSummary = RouterOutputs["members"]["list"][number];

const functionOptions = functionValues.map((value) => ({ value, label: functionLabels[value] }));
const roleOptions = roleValues.map((value) => ({ value, label: roleLabels[value] }));
type Fn = (typeof functionValues)[number];
type Role = (typeof roleValues)[number];

function capitalise(text: string | undefined) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : null;
}

export function MembersAdmin({
  organizationId,
  initialMembers,
  currentUserId,
}: {
  organizationId: string;
  initialMembers: MemberSummary[];
  currentUserId: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.members.list.queryOptions({ organizationId });
  const members = useQuery({ ...listOptions, initialData: initialMembers }).data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
  const refreshInvitations = () =>
    queryClient.invalidateQueries({
      queryKey: trpc.members.invitations.queryOptions({ organizationId }).queryKey,
    });

  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <Card title={`Members (${members.length})`}>
        <ul className="divide-y divide-slate-100">
          {members.map((member) => (
            <MemberRow
              key={member.membershipId}
              member={member}
              organizationId={organizationId}
              isSelf={member.userId === currentUserId}
              onChanged={refresh}
            />
          ))}
        </ul>
      </Card>
      <div className="space-y-6">
        <InviteMemberForm organizationId={organizationId} onInvited={refreshInvitations} />
        <PendingInvitations organizationId={organizationId} />
      </div>
    </div>
  );
}

function MemberRow({
  member,
  organizationId,
  isSelf,
  onChanged,
}: {
  member: MemberSummary;
  organizationId: string;
  isSelf: boolean;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [functions, setFunctions] = useState<string[]>(member.functions);
  const [roles, setRoles] = useState<string[]>(member.roles);
  const update = useMutation(
    trpc.members.update.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        onChanged();
      },
    }),
  );
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: onChanged }));
  const signOut = useMutation(trpc.members.signOutEverywhere.mutationOptions());
  const error = update.error ?? remove.error ?? signOut.error;

  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">
          {member.name}
          {isSelf ? " (you)" : ""}
        </span>
        <span className="text-slate-500">{member.email}</span>
        <span className="ml-auto flex flex-wrap items-center gap-1">
          {member.functions.map((f) => (
            <Badge key={f}>{functionLabels[f as Fn]}</Badge>
          ))}
          {member.roles.map((r) => (
            <Badge key={r} tone="accent">
              {roleLabels[r]}
            </Badge>
          ))}
          <Button
            variant="ghost"
            onClick={() => setEditing(!editing)}
            aria-expanded={editing}
            aria-label={`Edit access for ${member.name}`}
          >
            {editing ? "Close" : "Edit"}
          </Button>
        </span>
      </div>
      {editing ? (
        <div className="mt-3 space-y-3 rounded-md bg-slate-50 p-3">
          <CheckboxGroup
            legend="Functions"
            name={`functions-${member.membershipId}`}
            options={functionOptions}
            selected={functions}
            onChange={setFunctions}
          />
          <CheckboxGroup
            legend="Roles"
            name={`roles-${member.membershipId}`}
            options={roleOptions}
            selected={roles}
            onChange={setRoles}
          />
          {error ? <Alert tone="error">{error.message}</Alert> : null}
          {signOut.data ? (
            <Alert tone="success">
              {signOut.data.sessions === 1
                ? "1 sign-in was ended."
                : `${signOut.data.sessions} sign-ins were ended.`}{" "}
              {member.name} must sign in again.
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button
              busy={update.isPending}
              onClick={() =>
                update.mutate({
                  organizationId,
                  membershipId: member.membershipId,
                  functions: functions as Fn[],
                  roles: roles as Role[],
                })
              }
            >
              Save access
            </Button>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => {
                if (window.confirm(`Remove ${member.name} from the organisation?`)) {
                  remove.mutate({ organizationId, membershipId: member.membershipId });
                }
              }}
            >
              Remove member
            </Button>
            <Button
              variant="secondary"
              busy={signOut.isPending}
              onClick={() => signOut.mutate({ organizationId, membershipId: member.membershipId })}
            >
              Sign out everywhere
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function InviteMemberForm({
  organizationId,
  onInvited,
}: {
  organizationId: string;
  onInvited: () => void;
}) {
  const trpc = useTRPC();
  const [functions, setFunctions] = useState<string[]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const invite = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: (invitation) => {
        setLink({
          email: invitation.email,
          url: `${window.location.origin}/invitations/${invitation.token}`,
        });
        setErrors({});
        setFunctions([]);
        setRoles([]);
        onInvited();
      },
      onError: (error) => setErrors(fieldErrorsFrom(error)),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setLink(null);
    invite.mutate(
      {
        organizationId,
        email: String(form.get("email") ?? ""),
        functions: functions as Fn[],
        roles: roles as Role[],
      },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <Card title="Invite a member">
      <form onSubmit={submit} noValidate className="space-y-4">
        {link ? (
          <Alert tone="success">
            Send this link to {link.email} yourself; it works once, for 7 days, and is shown only
            now. They accept it signed in to their own account, or set one up with their own
            password.
            <input
              readOnly
              aria-label="Invitation link"
              value={link.url}
              onFocus={(event) => event.currentTarget.select()}
              className="mt-2 block w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
            />
          </Alert>
        ) : null}
        {invite.isError && Object.keys(errors).length === 0 ? (
          <Alert tone="error">{invite.error.message}</Alert>
        ) : null}
        <TextField
          id="email"
          label="Email"
          type="email"
          error={capitalise(errors.email)}
          autoComplete="off"
        />
        <CheckboxGroup
          legend="Functions"
          name="new-functions"
          options={functionOptions}
          selected={functions}
          onChange={setFunctions}
        />
        <CheckboxGroup
          legend="Roles"
          name="new-roles"
          options={roleOptions}
          selected={roles}
          onChange={setRoles}
        />
        <Button type="submit" busy={invite.isPending}>
          Invite
        </Button>
      </form>
    </Card>
  );
}

function PendingInvitations({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.members.invitations.queryOptions({ organizationId });
  const invitations = useQuery(options).data ?? [];
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: options.queryKey }),
    }),
  );
  if (invitations.length === 0) return null;
  const now = Date.now();
  return (
    <Card title={`Invitations (${invitations.length})`}>
      {revoke.error ? <Alert tone="error">{revoke.error.message}</Alert> : null}
      <ul className="divide-y divide-slate-100">
        {invitations.map((invitation) => (
          <li
            key={invitation.invitationId}
            className="flex flex-wrap items-center gap-2 py-2 text-sm"
          >
            <span className="font-medium">{invitation.email}</span>
            <span className="text-slate-500">
              {new Date(invitation.expiresAt).getTime() < now ? "expired" : "waiting"}
            </span>
            <Button
              variant="ghost"
              className="ml-auto"
              busy={revoke.isPending && revoke.variables?.invitationId === invitation.invitationId}
              onClick={() =>
                revoke.mutate({ organizationId, invitationId: invitation.invitationId })
              }
            >
              Withdraw
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
