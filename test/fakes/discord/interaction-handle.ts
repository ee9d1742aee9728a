import type { FakeDiscord } from "./fake-discord.ts";
import type { FakeDiscordEvent, FakeMessage, InteractionResponse } from "./types.ts";

type ResponseEvent = Extract<FakeDiscordEvent, { type: "interactionResponse" }>;

/** What a test holds after dispatching an interaction: await the bot's callback, edits and followups. */
export class InteractionHandle {
  constructor(
    private readonly fake: FakeDiscord,
    readonly id: string,
    readonly token: string,
  ) {}

  /** Everything the bot sent so far for this interaction, in order. */
  get responses(): InteractionResponse[] {
    return this.fake.responses(this.id);
  }
  get acknowledged(): boolean {
    return this.fake.interactionState(this.id).acknowledged;
  }
  /** True when the bot did not acknowledge within the ack window (Discord shows "The application did not respond"). */
  get expired(): boolean {
    return this.fake.interactionState(this.id).expired;
  }

  /** The first response matching `predicate` (past or future). Rejects if the interaction expires unanswered. */
  async next(
    predicate: (r: InteractionResponse) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<InteractionResponse> {
    const event = await this.fake.waitFor<ResponseEvent>(
      (e) => e.type === "interactionResponse" && e.interactionId === this.id && predicate(e.response),
      timeoutMs,
      {
        failOn: (e) =>
          e.type === "interactionExpired" && e.interactionId === this.id
            ? `interaction ${this.id} was not acknowledged in time (bot did not respond within the ack window)`
            : null,
      },
    );
    return event.response;
  }

  /** The initial callback (reply, defer, update…). */
  callback(timeoutMs = 5000): Promise<InteractionResponse> {
    return this.next((r) => r.kind === "callback", timeoutMs);
  }

  /**
   * The answer a user would see: a type 4/7 callback, or the first edit of @original after a defer.
   * Resolves with the message as it was at that moment.
   */
  async reply(timeoutMs = 5000): Promise<FakeMessage> {
    const response = await this.next(
      (r) =>
        (r.kind === "callback" && (r.callbackType === 4 || r.callbackType === 7)) ||
        r.kind === "editOriginal",
      timeoutMs,
    );
    return response.message!;
  }

  /** The next followup message (POST /webhooks/{app}/{token}). */
  async followup(timeoutMs = 5000): Promise<FakeMessage> {
    const seen = this.responses.filter((r) => r.kind === "followup").length;
    let count = 0;
    const response = await this.next((r) => r.kind === "followup" && ++count > seen, timeoutMs);
    return response.message!;
  }

  /** Latest state of the original response message, if there is one. */
  original(): FakeMessage | undefined {
    const id = this.fake.interactionState(this.id).originalMessageId;
    return id ? this.fake.message(id) : undefined;
  }

  /** Latest state of the followup messages. */
  followups(): FakeMessage[] {
    return this.fake
      .interactionState(this.id)
      .followupIds.map((id) => this.fake.message(id))
      .filter((m): m is FakeMessage => Boolean(m));
  }
}
