"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../../_lib/trpc-provider";

export interface StartRunLabels {
  start: string;
  starting: string;
  signInToStart: string;
}

export function StartRunButton(props: { courseId: string; courseSlug: string; signedIn: boolean; labels: StartRunLabels }) {
  const { courseId, courseSlug, signedIn, labels } = props;
  const router = useRouter();
  const trpc = useTRPC();
  const start = useMutation(trpc.activities.start.mutationOptions());

  if (!signedIn) {
    return (
      <a className="button" href={`/sign-in?next=${encodeURIComponent(`/courses/${courseSlug}`)}`}>
        {labels.signInToStart}
      </a>
    );
  }

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={start.isPending}
        onClick={async () => {
          // The id is made here, so the run keeps its identity even if this request has to be retried.
          const id = crypto.randomUUID();
          await start.mutateAsync({ id, courseId, startedAt: Date.now() });
          router.push(`/run/${id}`);
        }}
      >
        {start.isPending ? labels.starting : labels.start}
      </button>
      {start.error && (
        <p role="alert" className="error">
          {start.error.message}
        </p>
      )}
    </>
  );
}
