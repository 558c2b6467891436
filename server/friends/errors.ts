/** Refusals of the friends service; server/api/trpc.ts translates them like every other domain error. */
import { DomainError } from "../errors";

export class RunnerNotFoundError extends DomainError {
  readonly code = "RUNNER_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor(username: string) {
    super(`No runner has the username "${username}"`);
  }
}

export class SelfFriendRequestError extends DomainError {
  readonly code = "SELF_FRIEND_REQUEST" as const;
  readonly trpcCode = "BAD_REQUEST" as const;
  constructor() {
    super("You cannot send a friend request to yourself");
  }
}

/** A request already waiting for an answer, or a friendship that already exists. */
export class FriendshipExistsError extends DomainError {
  readonly code = "FRIENDSHIP_EXISTS" as const;
  readonly trpcCode = "CONFLICT" as const;
}

export class FriendRequestNotFoundError extends DomainError {
  readonly code = "FRIEND_REQUEST_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor() {
    super("No pending friend request from this runner");
  }
}

export class FriendshipNotFoundError extends DomainError {
  readonly code = "FRIENDSHIP_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor() {
    super("You are not friends with this runner and no request is pending between you");
  }
}
