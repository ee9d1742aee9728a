-- one row per scan per Sheet tab, as the Sheet shows it: one tab per group the member shares their results with (hidden members are left out of that group's tab), or the "Direct" tab for members in no group
-- incremental by: member_id
with tabs as (
  select
    ms.member_id,
    ms.group_id,
    -- Sheets forbids : \ / ? * [ ] in tab names; the group id keeps two groups with one title apart
    left(btrim(regexp_replace(g.title, '[\[\]:*?/\\]+', ' ', 'g')), 80) || ' #' || g.id as tab
  from app.memberships ms
  join app.groups g on g.id = ms.group_id
  where not ms.hidden
  union all
  select m.id, null, 'Direct'
  from app.members m
  where not exists (select 1 from app.memberships ms where ms.member_id = m.id)
)
select
  s.scan_id,
  t.tab,
  s.member_id,
  t.group_id,
  to_char(s.scanned_at, 'YYYY-MM-DD HH24:MI') as scanned_at,
  mem.display_name as member,
  s.mass_unit || '/' || s.length_unit as printed_units,
  s.weight_kg, s.lean_body_mass_kg, s.skeletal_muscle_mass_kg, s.protein_kg, s.mineral_kg, s.total_body_water_kg,
  s.body_fat_mass_kg, s.body_fat_pct, s.subcutaneous_fat_mass_kg, s.subcutaneous_fat_pct,
  s.visceral_fat_mass_kg, s.visceral_fat_pct, s.visceral_fat_area_cm2, s.visceral_fat_level,
  s.intracellular_fluid_kg, s.intracellular_fluid_pct, s.extracellular_fluid_kg, s.extracellular_fluid_pct,
  s.bmr_kcal, s.tee_kcal, s.bio_age, s.bwi, s.abdominal_circumference_cm, s.waist_to_hip_ratio,
  s.left_arm_lean_kg, s.left_arm_fat_kg, s.right_arm_lean_kg, s.right_arm_fat_kg, s.torso_lean_kg, s.torso_fat_kg,
  s.left_leg_lean_kg, s.left_leg_fat_kg, s.right_leg_lean_kg, s.right_leg_fat_kg,
  s.balance_upper_lower, s.balance_left_right,
  s.parser_version,
  s.source
from silver.scans s
join app.members mem on mem.id = s.member_id
join tabs t on t.member_id = s.member_id
