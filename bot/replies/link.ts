// Words for /link, /unlink and the linked-accounts line of /forget's question (both platforms).
import type { LinkResult } from "../../src/use-cases/link-accounts.ts";
import type { LinkCodeResult } from "../../src/use-cases/request-link-code.ts";
import type { UnlinkResult } from "../../src/use-cases/unlink-account.ts";
import { GROUP_WORD, type Platform } from "../commands.ts";
import type { Markup } from "./markup.ts";

const PLATFORM_NAMES: Record<string, string> = { telegram: "Telegram", discord: "Discord" };

export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? platform;
}

/** The platform a code from this one is used on. */
function otherPlatform(platform: string): string {
  return platform === "telegram" ? "Discord" : "Telegram";
}

/** How the code is typed there: Discord's slash command takes it as its `code` option. */
function typedOn(platformName: string, code: string): string {
  return platformName === "Discord" ? `/link code:${code}` : `/link ${code}`;
}

function names(platforms: string[]): string {
  const words = platforms.map(platformName);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export function linkCodeText(r: LinkCodeResult, m: Markup, platform: string): string {
  if (r.kind === "too_many_codes")
    return `You asked for ${r.perHour} link codes in the last hour — that is the limit. Try again later.`;
  return [
    `🔗 Your link code: ${m.bold(r.code)}`,
    "",
    `On ${otherPlatform(platform)}, send me ${m.bold(typedOn(otherPlatform(platform), r.code))} within ${r.validMinutes} minutes. It works once.`,
    "Both accounts then share one history: every scan, goal and setting. Never give this code to anyone else — whoever sends it joins their account to yours.",
  ].join("\n");
}

export function linkCodeNeedsPrivateChat(m: Markup, botUsername: string | null): string {
  const where = botUsername ? m.bold(`@${botUsername}`) : "me";
  return `A link code only goes to our private chat. Open a private chat with ${where}, press Start, then send /link there.`;
}

export function linkText(r: LinkResult, platform: Platform): string {
  switch (r.kind) {
    case "linked":
      return `✅ Linked: your ${names(r.platforms)} accounts are now one member. /progress on either shows all your scans; each ${GROUP_WORD[platform]}'s leaderboard still shows only its own members. /unlink splits this account off again.`;
    case "wrong":
      return "That is not a code I gave out. Send /link on your other account for a code, then /link CODE here.";
    case "expired":
      return "That code has expired or was already used (a code works once, for 10 minutes). Send /link on your other account for a new one.";
    case "too_many_tries":
      return `Too many wrong codes — wait ${r.minutes} minutes, then try again.`;
    case "same_person":
      return "Those accounts are already linked — nothing to do.";
    case "platform_taken":
      return `Both accounts already have a ${platformName(r.platform)} account linked, and one member has one account per platform. /unlink one of them first.`;
  }
}

export function unlinkText(r: UnlinkResult): string {
  if (r.kind === "not_linked") return "This account is not linked to another one — nothing to split.";
  return `✂️ Unlinked: this ${platformName(r.platform)} account is a member of its own again, with your settings. Scans you send from now on are its own; the scans sent before stay in the history of your other account (and a /forget there deletes them). /link joins them again.`;
}

/** Added to /forget's question when the member's accounts are linked. */
export function forgetLinkedNote(linkedPlatforms: string[], m: Markup): string {
  if (linkedPlatforms.length === 0) return "";
  return `\n\n${m.bold(`Your accounts are linked: this forgets you on ${names(linkedPlatforms)} too.`)}`;
}
