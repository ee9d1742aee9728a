// The conversation as the chats hold it: every message of the group and of each member's private chat
// with the bot, in order, with the scene it happened in and the bytes of the pictures the bot sent.
import type { Chat, Message, MessageEntity } from "grammy/types";
import type { FakeTelegram } from "../../../test/fakes/telegram/fake-telegram.ts";

export interface TranscriptChat {
  key: string;
  /** how the terminal names the chat */
  label: string;
  /** what the phone's header says */
  title: string;
  subtitle: string;
  /** whose phone the chat is shown on: that person's messages are on the right */
  ownerId: number;
  chat: Chat;
}

export interface TranscriptMessage {
  chatKey: string;
  scene: number;
  /** the scene clock when it appeared, UTC */
  at: string;
  fromBot: boolean;
  senderId: number;
  senderName: string;
  text: string;
  entities: MessageEntity[];
  photo: Buffer | null;
  document: { fileName: string; sizeBytes: number } | null;
  buttons: string[][];
}

/** Collects messages as the scenes go: each `record` call takes what appeared since the last one. */
export class Transcript {
  readonly messages: TranscriptMessage[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly tg: FakeTelegram,
    readonly chats: TranscriptChat[],
  ) {}

  record(scene: number, at: string): TranscriptMessage[] {
    const added: TranscriptMessage[] = [];
    for (const chat of this.chats) {
      const history = this.tg.history(chat.chat);
      for (const message of history.slice(this.seen.get(chat.key) ?? 0)) {
        added.push(this.entry(chat, message, scene, at));
      }
      this.seen.set(chat.key, history.length);
    }
    this.messages.push(...added);
    return added;
  }

  private entry(chat: TranscriptChat, message: Message, scene: number, at: string): TranscriptMessage {
    const from = message.from;
    const largest = message.photo?.at(-1);
    return {
      chatKey: chat.key,
      scene,
      at,
      fromBot: from?.is_bot ?? false,
      senderId: from?.id ?? 0,
      senderName: [from?.first_name, from?.last_name].filter(Boolean).join(" "),
      text: message.text ?? message.caption ?? "",
      entities: message.entities ?? message.caption_entities ?? [],
      photo: largest ? (this.tg.file(largest.file_id) ?? null) : null,
      document: message.document
        ? { fileName: message.document.file_name ?? "file", sizeBytes: message.document.file_size ?? 0 }
        : null,
      buttons: (message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((button) => button.text)),
    };
  }
}

/** One line per message for the terminal: who, where, and the first line of what was said. */
export function transcriptLine(message: TranscriptMessage, chats: TranscriptChat[]): string {
  const chat = chats.find((c) => c.key === message.chatKey)!;
  const what = message.document
    ? `📄 ${message.document.fileName}`
    : `${message.photo ? "🖼  " : ""}${message.text.split("\n")[0] ?? ""}`;
  return `${message.at.slice(11, 16)}  ${chat.label} · ${message.senderName}: ${what}`;
}
