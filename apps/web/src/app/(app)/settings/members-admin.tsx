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
      <AddMemberForm organizationId={organizationId} onAdded={refresh} />
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
  const error = update.error ?? remove.error;

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
          <div className="flex gap-2">
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
          </div>
        </div>
      ) : null}
    </li>
  );
}

function AddMemberForm({
  organizationId,
  onAdded,
}: {
  organizationId: string;
  onAdded: () => void;
}) {
  const trpc = useTRPC();
  const [functions, setFunctions] = useState<string[]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: (member) => {
        setAdded(`${member.name} was added.`);
        setErrors({});
        setFunctions([]);
        setRoles([]);
        onAdded();
      },
      onError: (error) => setErrors(fieldErrorsFrom(error)),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setAdded(null);
    const initialPassword = String(form.get("initialPassword") ?? "");
    add.mutate(
      {
        organizationId,
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        initialPassword: initialPassword || undefined,
        functions: functions as Fn[],
        roles: roles as Role[],
      },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <Card title="Add a member">
      <form onSubmit={submit} noValidate className="space-y-4">
        {added ? <Alert tone="success">{added}</Alert> : null}
        {add.isError && Object.keys(errors).length === 0 ? (
          <Alert tone="error">{add.error.message}</Alert>
        ) : null}
        <TextField id="name" label="Name" error={capitalise(errors.name)} autoComplete="off" />
        <TextField
          id="email"
          label="Email"
          type="email"
          error={capitalise(errors.email)}
          autoComplete="off"
        />
        <TextField
          id="initialPassword"
          label="Initial password"
          type="password"
          hint="Only for someone without a Conductor account; at least 12 characters. Share it privately."
          error={capitalise(errors.initialPassword)}
          autoComplete="new-password"
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
        <Button type="submit" busy={add.isPending}>
          Add member
        </Button>
      </form>
    </Card>
  );
}
