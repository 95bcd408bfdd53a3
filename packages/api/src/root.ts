import { auditRouter } from "./routers/audit";
import { briefTemplatesRouter } from "./routers/brief-templates";
import { briefsRouter } from "./routers/briefs";
import { callsRouter } from "./routers/calls";
import { collabRouter } from "./routers/collab";
import { commentsRouter } from "./routers/comments";
import { communicationsRouter } from "./routers/communications";
import { invitationsRouter } from "./routers/invitations";
import { mailRouter } from "./routers/mail";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { personasRouter } from "./routers/personas";
import { readingsRouter } from "./routers/readings";
import { releaseTokensRouter } from "./routers/release-tokens";
import { reviewSettingsRouter } from "./routers/review-settings";
import { reviewsRouter } from "./routers/reviews";
import { ruleSetsRouter } from "./routers/rule-sets";
import { versionsRouter } from "./routers/versions";
import { viewerRouter } from "./routers/viewer";
import { webhooksRouter } from "./routers/webhooks";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  viewer: viewerRouter,
  communications: communicationsRouter,
  collab: collabRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  comments: commentsRouter,
  versions: versionsRouter,
  notifications: notificationsRouter,
  personas: personasRouter,
  briefs: briefsRouter,
  readings: readingsRouter,
  reviews: reviewsRouter,
  audit: auditRouter,
  releaseTokens: releaseTokensRouter,
  reviewSettings: reviewSettingsRouter,
  ruleSets: ruleSetsRouter,
  calls: callsRouter,
  briefTemplates: briefTemplatesRouter,
  mail: mailRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: server components and tests. */
export const createCaller = createCallerFactory(appRouter);
