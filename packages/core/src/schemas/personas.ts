import { z } from "zod";
import { id, shortText, shortTextList } from "./common";
import { channelSchema } from "./enums";

export const personaFieldsSchema = z.object({
  name: shortText(80).min(2, "Give the persona a name"),
  vignette: shortText(2000).min(10, "Describe them in a sentence or two"),
  needs: shortTextList(20),
  feelings: shortText(1000).default(""),
  beliefs: shortText(1000).default(""),
  preferredChannel: channelSchema.nullable().default(null),
  readingGrade: z.coerce
    .number()
    .int("A whole school grade")
    .min(1, "Grade 1 or above")
    .max(16, "Grade 16 or below"),
  accessibilityNeeds: shortTextList(20),
});

export const createPersonaSchema = personaFieldsSchema.extend({ organizationId: id });
export const updatePersonaSchema = personaFieldsSchema.partial().extend({
  organizationId: id,
  personaId: id,
});
export const personaRefSchema = z.object({ organizationId: id, personaId: id });
