// Sender lanes: a member's updates run in the order sent; a slow one holds up only its own lane; no more
// than the cap run at once; a task that throws does not stop its lane.
import { describe, expect, it } from "vitest";
import { UpdateLanes } from "../../../bot/telegram/update-lanes.ts";
import { gate } from "../../support/gate.ts";

describe("update lanes", () => {
  it("runs other lanes while one lane's task is held, and keeps each lane's order", async () => {
    const done: string[] = [];
    const lanes = new UpdateLanes(4, () => undefined);
    const held = gate();
    lanes.push("bo", "1", async () => {
      await held.opened;
      done.push("bo-1");
    });
    lanes.push("bo", "2", async () => void done.push("bo-2"));
    lanes.push("ivy", "3", async () => void done.push("ivy-3"));
    lanes.push("max", "4", async () => void done.push("max-4"));
    await lanes.atMost(2);
    expect(done).toEqual(["ivy-3", "max-4"]);
    expect(lanes.has("2")).toBe(true);
    held.open();
    await lanes.atMost(0);
    expect(done).toEqual(["ivy-3", "max-4", "bo-1", "bo-2"]);
  });

  it("never runs more lanes at once than its cap, and a failing task does not stop its lane", async () => {
    let running = 0;
    let most = 0;
    const errors: unknown[] = [];
    const lanes = new UpdateLanes(3, (error) => errors.push(error));
    for (let n = 0; n < 12; n++)
      lanes.push(`lane-${n % 6}`, String(n), async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (n === 0) throw new Error("boom");
      });
    expect(lanes.size).toBe(12);
    await lanes.atMost(0);
    expect(most).toBe(3);
    expect(errors).toHaveLength(1);
    expect(lanes.has("6")).toBe(false);
  });

  it("takes an update once while it is queued or running", async () => {
    let runs = 0;
    const lanes = new UpdateLanes(2, () => undefined);
    lanes.push("a", "7", async () => void runs++);
    lanes.push("a", "7", async () => void runs++);
    await lanes.atMost(0);
    expect(runs).toBe(1);
  });

  it("on close, finishes what runs and drops what has not started", async () => {
    const done: string[] = [];
    const lanes = new UpdateLanes(1, () => undefined);
    const held = gate();
    lanes.push("bo", "1", async () => {
      await held.opened;
      done.push("1");
    });
    lanes.push("bo", "2", async () => void done.push("2"));
    lanes.push("ivy", "3", async () => void done.push("3"));
    let shortened = false;
    const waiting = lanes.atMost(1).then(() => (shortened = true));
    const closing = lanes.close();
    lanes.push("max", "4", async () => void done.push("4"));
    // a caller waiting for the lanes to shorten is let go by the closing, not by the held task
    await waiting;
    expect(shortened).toBe(true);
    held.open();
    await closing;
    expect(done).toEqual(["1"]);
    expect(lanes.size).toBe(0);
  });
});
