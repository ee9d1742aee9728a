// `pump demo`: the real bot — core, use-cases, grammY — against the stand-in Telegram server, with three
// members posting generated scan sheets in a group, asking for /progress and /leaderboard, and the weekly
// summary going out; the whole conversation written as one HTML page. No token, no network; the database
// is an embedded PostgreSQL in a temporary DATA_DIR unless one is given.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { User } from "grammy/types";
import { createTelegramBot } from "../../../bot/telegram/index.ts";
import { FakeTelegram } from "../../../test/fakes/telegram/fake-telegram.ts";
import { handledInDatabase } from "../../../test/fakes/telegram/handled-in-database.ts";
import { renderScanPdf } from "../../../test/fixtures/evolt-sheet.ts";
import { followUp, makeScanSheet } from "../../../test/fixtures/person.ts";
import { buildCore } from "../../compose-core.ts";
import { parseConfig } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { cagedScanExtractor } from "../../extract/scan-extractor.ts";
import { createWeeklySummaries } from "../../jobs/weekly-summary.ts";
import { createLogger } from "../../log.ts";
import { DEMO_GROUP, DEMO_MEMBERS, DEMO_SCENES, type DemoStep } from "./scenario.ts";
import { Transcript, type TranscriptChat, transcriptLine } from "./transcript.ts";
import { renderDemoPage } from "./transcript-html.ts";

export interface DemoOptions {
  /** where index.html and images/ go */
  outDir: string;
  /** keep the database here (embedded PostgreSQL) instead of a temporary folder */
  dataDir?: string;
  /** or use this PostgreSQL ≥ 15 (its own scratch database is best: the demo adds its members) */
  databaseUrl?: string;
  /** one line per message as the story runs */
  say?: (line: string) => void;
}

export interface DemoResult {
  page: string;
  images: string[];
  messages: number;
}

const STEP_MS = 60_000;

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const say = options.say ?? (() => {});
  const temporary =
    options.dataDir || options.databaseUrl ? null : await mkdtemp(path.join(os.tmpdir(), "pump-demo-"));
  const config = parseConfig({
    DATA_DIR: options.dataDir ?? temporary ?? undefined,
    DATABASE_URL: options.databaseUrl,
    TZ: "UTC",
    LOG_LEVEL: "warn",
  });
  const log = createLogger(config.logLevel, { pretty: config.logPretty });
  let now = new Date(DEMO_SCENES[0]!.at);
  const tg = new FakeTelegram({ botUsername: "ronald_pump_bot", defaultTimeoutMs: 60_000 });
  const database = await openDatabase(config, log);
  try {
    await tg.start();
    const extractor = cagedScanExtractor({ log, whenFull: "wait", size: 1 });
    const core = await buildCore(database, config, log, { extractor, now: () => now });
    // the bot confirms updates once kept, so "handled" is when it marked one done
    handledInDatabase(tg, core.sql);
    const bot = createTelegramBot({
      services: core.services,
      log,
      defaultTimeZone: config.defaultTimeZone,
      token: tg.token,
      apiRoot: tg.apiRoot,
      webhook: null,
      throttle: false,
    });
    await bot.start();
    try {
      const users = DEMO_MEMBERS.map((m) => tg.createUser({ firstName: m.firstName, lastName: m.lastName }));
      const group = tg.createGroup({ title: DEMO_GROUP, admins: [users[0]!], members: users.slice(1) });
      const chats: TranscriptChat[] = [
        {
          key: "group",
          label: DEMO_GROUP,
          title: DEMO_GROUP,
          subtitle: `group · ${users.length} members and the bot · seen by ${users[0]!.first_name}`,
          ownerId: users[0]!.id,
          chat: group,
        },
        ...users.map((user) => ({
          key: user.first_name.toLowerCase(),
          label: `${user.first_name}'s private chat`,
          title: "Ronald Pump",
          subtitle: `bot · private chat with ${user.first_name}`,
          ownerId: user.id,
          chat: tg.privateChat(user),
        })),
      ];
      const transcript = new Transcript(tg, chats);
      const sheets = await renderSheets();
      const summaries = createWeeklySummaries({ ...core, notifiers: [bot.notifier] });

      const perform = async (step: DemoStep, user: User | undefined): Promise<void> => {
        if ("weeklySummary" in step) {
          await summaries.tick();
          return;
        }
        const chat = step.in === "group" ? group : undefined;
        const sent =
          "scan" in step
            ? tg.sendDocument({
                chat,
                from: user!,
                fileName: `evolt-scan-${sheets[step.member]![step.scan].date}.pdf`,
                mimeType: "application/pdf",
                bytes: sheets[step.member]![step.scan].bytes,
              })
            : tg.sendText({ chat, from: user!, text: step.text });
        await tg.waitUntilHandled(sent.update);
      };

      for (const [index, scene] of DEMO_SCENES.entries()) {
        say(`— ${scene.title}`);
        for (const [i, step] of scene.steps.entries()) {
          now = new Date(Date.parse(scene.at) + i * STEP_MS);
          await perform(step, "member" in step ? users[step.member] : undefined);
          for (const message of transcript.record(index, now.toISOString()))
            say(transcriptLine(message, chats));
        }
      }

      const page = renderDemoPage({
        title: "Ronald Pump — a demo conversation",
        intro: [
          "Made by <code>npx pump demo</code>: the real bot (core, SQL models, charts, grammY) against the stand-in Telegram server of <code>test/fakes/telegram</code>, with generated Evolt 360 sheets from <code>test/fixtures</code>. No token, no network.",
          `Three members of the group “${DEMO_GROUP}” post their first scans, then second ones four weeks later. In the group the bot only shares relative changes; exact numbers and charts go to each member privately. Then <code>/progress</code>, <code>/leaderboard</code> and the Monday weekly summary.`,
        ],
        scenes: DEMO_SCENES,
        chats,
        messages: transcript.messages,
      });
      await mkdir(path.join(options.outDir, "images"), { recursive: true });
      const pagePath = path.join(options.outDir, "index.html");
      await writeFile(pagePath, page.html);
      for (const [name, bytes] of page.images) await writeFile(path.join(options.outDir, name), bytes);
      return { page: pagePath, images: [...page.images.keys()], messages: transcript.messages.length };
    } finally {
      await bot.stop();
      await extractor.close();
    }
  } finally {
    await tg.stop();
    await database.close();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}

/** Each member's two sheets as PDFs: the first as printed, the second four weeks later. */
async function renderSheets() {
  return Promise.all(
    DEMO_MEMBERS.map(async (member) => {
      const later = followUp(member.sheet, { days: 28, ...member.change });
      const pdf = async (input: typeof member.sheet) => ({
        date: input.scannedAt.slice(0, 10),
        bytes: await renderScanPdf(makeScanSheet(input)),
      });
      return { first: await pdf(member.sheet), second: await pdf(later) };
    }),
  );
}
