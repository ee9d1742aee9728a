import { describe, expect, it } from "vitest";
import { useTestCore } from "../support/core.ts";

const kgUser = { platform: "telegram", userId: "501", displayName: "Kira" };
const lbUser = { platform: "telegram", userId: "502", displayName: "Lou" };

describe("/goal targets", () => {
  const t = useTestCore();

  it("reads a target in the member's units, unless the number carries its own unit", async () => {
    const s = t.current.services;
    await s.setUnits({ actor: lbUser, unitsWord: "lb" });
    const inLb = await s.setGoal({ actor: lbUser, metricWord: "weight", targetText: "176" });
    expect(inLb).toMatchObject({ kind: "set", metric: "weight_kg" });
    if (inLb.kind === "set") expect(inLb.target).toBeCloseTo(176 * 0.45359237, 6);
    const typedKg = await s.setGoal({ actor: lbUser, metricWord: "weight", targetText: "85kg" });
    if (typedKg.kind !== "set") throw new Error("expected a goal");
    expect(typedKg.target).toBeCloseTo(85, 6);
    const typedLb = await s.setGoal({ actor: kgUser, metricWord: "weight", targetText: "190 lbs" });
    if (typedLb.kind !== "set") throw new Error("expected a goal");
    expect(typedLb.target).toBeCloseTo(190 * 0.45359237, 6);
  });

  it("refuses targets that are not a number or not a human value, and clears with off", async () => {
    const s = t.current.services;
    expect(await s.setGoal({ actor: kgUser, metricWord: "weight", targetText: "soon" })).toEqual({
      kind: "invalid",
      reason: "target",
    });
    expect(await s.setGoal({ actor: kgUser, metricWord: "bf", targetText: "90" })).toEqual({
      kind: "invalid",
      reason: "implausible",
    });
    expect(await s.setGoal({ actor: kgUser, metricWord: "weight", targetText: "off" })).toEqual({
      kind: "cleared",
      metric: "weight_kg",
    });
  });
});
