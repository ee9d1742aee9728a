-- one row per accepted bronze scan report (every parser version), typed, canonical units; voided scans left out
-- incremental by: member_id
-- The payload is read through jsonb_to_record once per part: each `payload -> …` would detoast the whole
-- document again, which made this model 20× slower.
-- member_id is the person: a report of a member merged into another by /link is the other's (bronze keeps
-- who sent it). Two branches rather than a coalesce, so a run for some members still finds their reports
-- through the member_id indexes.
with owned as (
  select r.*, r.member_id as person_id
  from bronze.scan_reports r
  where not exists (select 1 from app.member_merges mm where mm.merged_member_id = r.member_id)
  union all
  select r.*, mm.into_member_id as person_id
  from app.member_merges mm
  join bronze.scan_reports r on r.member_id = mm.merged_member_id
)
select
  r.id as scan_report_id,
  r.person_id as member_id,
  r.raw_sha256,
  r.parser_version,
  string_to_array(r.parser_version, '.')::int[] as parser_version_parts,
  r.group_id,
  r.source_platform,
  r.received_at,
  top.scanned_at::timestamp as scanned_at,
  top.date_order,
  top.date_confidence,
  -- how the values were read: 'pdf' (the text layer) or 'image' (a photo the member confirmed)
  coalesce(top.source, 'pdf') as source,
  top.subject ->> 'name' as printed_name,
  top.subject ->> 'sex' as sex,
  (top.subject ->> 'age')::int as age,
  (top.subject ->> 'height_cm')::double precision as height_cm,
  top.units ->> 'mass' as mass_unit,
  top.units ->> 'length' as length_unit,
  m.weight_kg,
  m.lean_body_mass_kg,
  m.skeletal_muscle_mass_kg,
  m.protein_kg,
  m.mineral_kg,
  m.total_body_water_kg,
  m.body_fat_mass_kg,
  m.subcutaneous_fat_mass_kg,
  m.subcutaneous_fat_pct,
  m.visceral_fat_mass_kg,
  m.visceral_fat_pct,
  m.visceral_fat_area_cm2,
  m.body_fat_pct,
  m.visceral_fat_level,
  m.intracellular_fluid_kg,
  m.intracellular_fluid_pct,
  m.extracellular_fluid_kg,
  m.extracellular_fluid_pct,
  m.bmr_kcal,
  m.tee_kcal,
  m.bio_age,
  m.bwi,
  m.abdominal_circumference_cm,
  m.waist_to_hip_ratio,
  (s.left_arm ->> 'lean_kg')::double precision as left_arm_lean_kg,
  (s.left_arm ->> 'fat_kg')::double precision as left_arm_fat_kg,
  (s.right_arm ->> 'lean_kg')::double precision as right_arm_lean_kg,
  (s.right_arm ->> 'fat_kg')::double precision as right_arm_fat_kg,
  (s.torso ->> 'lean_kg')::double precision as torso_lean_kg,
  (s.torso ->> 'fat_kg')::double precision as torso_fat_kg,
  (s.left_leg ->> 'lean_kg')::double precision as left_leg_lean_kg,
  (s.left_leg ->> 'fat_kg')::double precision as left_leg_fat_kg,
  (s.right_leg ->> 'lean_kg')::double precision as right_leg_lean_kg,
  (s.right_leg ->> 'fat_kg')::double precision as right_leg_fat_kg,
  top.balance ->> 'upper_lower' as balance_upper_lower,
  top.balance ->> 'left_right' as balance_left_right,
  (n.calories_kcal ->> 0)::double precision as nutrition_calories_min_kcal,
  (n.calories_kcal ->> 1)::double precision as nutrition_calories_max_kcal,
  (n.protein_g ->> 0)::double precision as nutrition_protein_min_g,
  (n.protein_g ->> 1)::double precision as nutrition_protein_max_g,
  (n.carbohydrates_g ->> 0)::double precision as nutrition_carbohydrates_min_g,
  (n.carbohydrates_g ->> 1)::double precision as nutrition_carbohydrates_max_g,
  (n.fat_g ->> 0)::double precision as nutrition_fat_min_g,
  (n.fat_g ->> 1)::double precision as nutrition_fat_max_g,
  coalesce(jsonb_array_length(top.warnings), 0) as warning_count
from owned r
cross join lateral jsonb_to_record(r.payload) as top(
  scanned_at text, date_order text, date_confidence text, source text, subject jsonb, units jsonb, metrics jsonb,
  segments jsonb, balance jsonb, nutrition jsonb, warnings jsonb
)
cross join lateral jsonb_to_record(top.metrics) as m(
  weight_kg double precision,
  lean_body_mass_kg double precision,
  skeletal_muscle_mass_kg double precision,
  protein_kg double precision,
  mineral_kg double precision,
  total_body_water_kg double precision,
  body_fat_mass_kg double precision,
  subcutaneous_fat_mass_kg double precision,
  subcutaneous_fat_pct double precision,
  visceral_fat_mass_kg double precision,
  visceral_fat_pct double precision,
  visceral_fat_area_cm2 double precision,
  body_fat_pct double precision,
  visceral_fat_level double precision,
  intracellular_fluid_kg double precision,
  intracellular_fluid_pct double precision,
  extracellular_fluid_kg double precision,
  extracellular_fluid_pct double precision,
  bmr_kcal double precision,
  tee_kcal double precision,
  bio_age double precision,
  bwi double precision,
  abdominal_circumference_cm double precision,
  waist_to_hip_ratio double precision
)
cross join lateral jsonb_to_record(coalesce(top.segments, '{}')) as s(
  left_arm jsonb, right_arm jsonb, torso jsonb, left_leg jsonb, right_leg jsonb
)
cross join lateral jsonb_to_record(coalesce(top.nutrition, '{}')) as n(
  calories_kcal jsonb, protein_g jsonb, carbohydrates_g jsonb, fat_g jsonb
)
where r.status = 'accepted'
  -- a void covers the file for the member who sent it, whichever parser version read it (before or after a reprocess)
  and not exists (
    select 1 from app.voided_scans v
    join bronze.scan_reports vr on vr.id = v.scan_report_id
    where vr.raw_sha256 = r.raw_sha256 and vr.member_id = r.member_id
  )
