/**
 * A `LocationPublisher` for tools that write a run's points to Cassandra themselves and then sync its
 * events (the demo seed): a record request is computed at once in this process, as the Location Service
 * would after writing the points. Point batches are refused: those go through Kafka.
 */
import type { LocationPublisher } from "../kafka/producer";
import { computeAndStoreRecord, type RecordJobDeps } from "./record-job";

export function inlineRecordPublisher(deps: RecordJobDeps): LocationPublisher {
  return {
    async publish(messages) {
      for (const message of messages) {
        if (message.kind !== "record") throw new Error("inlineRecordPublisher takes record requests only");
        await computeAndStoreRecord(deps, message.activityId);
      }
    },
    ping: async () => undefined,
    close: async () => undefined,
  };
}
