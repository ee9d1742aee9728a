-- one row per tracked metric: how large a change between two scans must be before we call it real
-- static (constants: rebuilt on a full refresh only)
-- Figures used (bioimpedance test–retest / day-to-day error in adults, as cited in the project brief):
--   body fat 0.4–1.2 percentage points; fat mass and lean (or skeletal muscle) mass 0.3–0.9 kg.
--   Body weight swings 0.5–1 kg from day to day with food, fluid and glycogen; total body water follows
--   hydration (~1 kg); visceral fat level is printed as an integer, so ±1 is rounding.
-- A change smaller than `likely_at` (≈ the low end of the error) is within_noise; from `likely_at` it is
-- likely; from `real_at` (≈ the high end, a minimal detectable change) it is real.
-- better_direction: -1 lower is better, 1 higher is better, 0 neither (weight alone says little).
select *
from (values
  ('weight_kg', 'weight', 'kg', 0.5::double precision, 1.0::double precision, 0),
  ('body_fat_mass_kg', 'fat mass', 'kg', 0.4, 0.9, -1),
  ('body_fat_pct', 'body fat', '%', 0.4, 1.2, -1),
  ('lean_body_mass_kg', 'lean mass', 'kg', 0.4, 0.9, 1),
  ('skeletal_muscle_mass_kg', 'muscle', 'kg', 0.3, 0.9, 1),
  ('visceral_fat_level', 'visceral fat level', '', 1.0, 2.0, -1),
  ('total_body_water_kg', 'body water', 'kg', 0.5, 1.2, 0)
) as t(metric, label, unit, likely_at, real_at, better_direction)
