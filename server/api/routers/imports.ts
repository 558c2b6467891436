/** Runs imported from GPX, TCX and FIT files (server/activities/import-run.ts); the points go up as recorded ones do. */
import { abandonImport, beginImport, finishImport } from "../../activities/import-run";
import { beginImportInput, finishImportInput, importRunInput } from "../../activities/import-schemas";
import { getIngestAccess } from "../../activities/ingest-access";
import { getLocationPublisher } from "../../kafka";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const deps = (db: Parameters<typeof beginImport>[0]["db"]) => ({ db, publisher: getLocationPublisher(), access: getIngestAccess() });

export const importsRouter = createTRPCRouter({
  /** Names the run after the runner and the file; says whether to send its points (created, resume) or not. */
  begin: protectedProcedure.input(beginImportInput).mutation(({ ctx, input }) => beginImport(deps(ctx.db), ctx.user.id, input)),

  /** Completes an import whose points were all acknowledged, and asks for its record. */
  finish: protectedProcedure
    .input(finishImportInput)
    .mutation(({ ctx, input }) => finishImport(deps(ctx.db), ctx.user.id, input)),

  /** Deletes an unfinished import (the file failed half-way): a failed file leaves no run in the history. */
  abandon: protectedProcedure
    .input(importRunInput)
    .mutation(({ ctx, input }) => abandonImport(deps(ctx.db), ctx.user.id, input.activityId)),
});
