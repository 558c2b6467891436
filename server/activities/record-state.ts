/** Whether a run's record is still being computed, from the request and computation sequences it carries. */
export interface RecordSequences {
  finishedAt: Date | null;
  recordRequestedSeq: number;
  recordComputedSeq: number;
}

/** The row without its sequences, plus `recordPending`: finished, and a record asked for is not stored yet. */
export function withRecordState<T extends RecordSequences>(row: T) {
  const { recordRequestedSeq, recordComputedSeq, ...rest } = row;
  return { ...rest, recordPending: row.finishedAt !== null && recordRequestedSeq > recordComputedSeq };
}
