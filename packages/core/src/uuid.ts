const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id has the form of the UUIDs some rows carry (those that are also
 * job ids). Anything else names no such row, so it need never reach the
 * database, where a NUL byte in a parameter is an error rather than no match.
 */
export const isUuid = (value: string) => uuidPattern.test(value);
