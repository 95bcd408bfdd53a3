// text-readability ships no types; these are the calls the bench makes.
declare module "text-readability" {
  const readability: Record<
    | "fleschReadingEase"
    | "fleschKincaidGrade"
    | "gunningFog"
    | "smogIndex"
    | "colemanLiauIndex"
    | "automatedReadabilityIndex"
    | "daleChallReadabilityScore",
    (text: string) => number
  >;
  export default readability;
}
