// Compile-time only: the channel spelled by the editor and by the rules is
// exactly the database's, so a channel read from a row goes to either package
// without a cast. tsc fails here when a channel is added to one and not the
// others. Nothing imports this file; the typecheck includes it.
import type { Channel as EditorChannel } from "@conductor/editor";
import type { Channel as RulesChannel } from "@conductor/rules";
import type { Channel } from "./enums";

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type ChannelIsOneType = [
  Expect<Equal<Channel, EditorChannel>>,
  Expect<Equal<Channel, RulesChannel>>,
];
