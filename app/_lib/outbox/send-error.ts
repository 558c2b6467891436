/** An upload failure whose retryability the sender already knows (a timeout, an incomplete acknowledgement). */
export class OutboxSendError extends Error {
  readonly code = "OUTBOX_SEND_FAILED" as const;
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
