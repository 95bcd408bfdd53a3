import { AppError } from "../errors";

/** Position after the last row shown: lists are ordered by updatedAt, then id, newest first. */
export interface ListCursor {
  updatedAt: Date;
  id: string;
}

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string): ListCursor {
  const [stamp, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const updatedAt = new Date(stamp ?? "");
  if (!id || Number.isNaN(updatedAt.getTime())) {
    throw new AppError("INVALID_INPUT", "The page cursor is not valid; reload the list", {
      cursor: "is not a cursor this list produced",
    });
  }
  return { updatedAt, id };
}
