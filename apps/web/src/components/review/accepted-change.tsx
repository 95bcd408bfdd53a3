import { describeProposedChange, type FormatSummary, withFieldNames } from "@conductor/editor";

/**
 * One accepted suggestion's change as the diff and the certificate list it:
 * the text removed and added (merge fields by name), or for formatting the
 * sentence saying what it did ("Made ‘pay by 3 May’ bold").
 */
export function AcceptedChange(props: {
  inserted: string;
  deleted: string;
  format?: FormatSummary;
}) {
  if (props.format) {
    const words = describeProposedChange(props, 80, "done");
    return <span>{words.charAt(0).toUpperCase() + words.slice(1)}</span>;
  }
  return (
    <>
      {props.deleted ? <del className="text-red-800">{withFieldNames(props.deleted)}</del> : null}
      {props.deleted && props.inserted ? " → " : ""}
      {props.inserted ? (
        <ins className="text-emerald-800 no-underline">{withFieldNames(props.inserted)}</ins>
      ) : null}
    </>
  );
}
