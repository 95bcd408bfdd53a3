-- CreateTable
CREATE TABLE "CallDaily" (
    "organizationId" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "CallDaily_pkey" PRIMARY KEY ("organizationId","reasonCode","day")
);
