-- one row per member per scan: the main metrics, their change since the previous scan and since the member's first scan, each change classed by gold.metric_noise
-- incremental by: member_id
with long as (
  select s.member_id, s.scan_id, s.scan_number, s.scanned_at, v.metric, v.value
  from silver.scans s
  cross join lateral (values
    ('weight_kg', s.weight_kg),
    ('body_fat_mass_kg', s.body_fat_mass_kg),
    ('body_fat_pct', s.body_fat_pct),
    ('lean_body_mass_kg', s.lean_body_mass_kg),
    ('skeletal_muscle_mass_kg', s.skeletal_muscle_mass_kg),
    ('visceral_fat_level', s.visceral_fat_level),
    ('total_body_water_kg', s.total_body_water_kg)
  ) as v(metric, value)
),
changes as (
  select
    l.*,
    l.value - lag(l.value) over w as delta_prev,
    l.value - first_value(l.value) over (w rows between unbounded preceding and unbounded following) as delta_base
  from long l
  window w as (partition by l.member_id, l.metric order by l.scanned_at)
),
classed as (
  select
    c.*,
    case
      when c.delta_prev is null then null
      when abs(c.delta_prev) >= n.real_at then 'real'
      when abs(c.delta_prev) >= n.likely_at then 'likely'
      else 'within_noise'
    end as class_prev,
    case
      when c.scan_number = 1 or c.delta_base is null then null
      when abs(c.delta_base) >= n.real_at then 'real'
      when abs(c.delta_base) >= n.likely_at then 'likely'
      else 'within_noise'
    end as class_base
  from changes c
  join gold.metric_noise n using (metric)
)
select
  member_id,
  scan_id,
  scan_number,
  scanned_at,
  lag(scan_id) over (partition by member_id order by scanned_at) as previous_scan_id,
  first_value(scan_id) over (partition by member_id order by scanned_at) as baseline_scan_id,
  weight_kg, weight_kg_delta_prev, weight_kg_delta_base, weight_kg_class_prev, weight_kg_class_base,
  body_fat_mass_kg, body_fat_mass_kg_delta_prev, body_fat_mass_kg_delta_base, body_fat_mass_kg_class_prev, body_fat_mass_kg_class_base,
  body_fat_pct, body_fat_pct_delta_prev, body_fat_pct_delta_base, body_fat_pct_class_prev, body_fat_pct_class_base,
  lean_body_mass_kg, lean_body_mass_kg_delta_prev, lean_body_mass_kg_delta_base, lean_body_mass_kg_class_prev, lean_body_mass_kg_class_base,
  skeletal_muscle_mass_kg, skeletal_muscle_mass_kg_delta_prev, skeletal_muscle_mass_kg_delta_base, skeletal_muscle_mass_kg_class_prev, skeletal_muscle_mass_kg_class_base,
  visceral_fat_level, visceral_fat_level_delta_prev, visceral_fat_level_delta_base, visceral_fat_level_class_prev, visceral_fat_level_class_base,
  total_body_water_kg, total_body_water_kg_delta_prev, total_body_water_kg_delta_base, total_body_water_kg_class_prev, total_body_water_kg_class_base
from (
  select
    member_id, scan_id, scan_number, scanned_at,
    max(value) filter (where metric = 'weight_kg') as weight_kg,
    max(delta_prev) filter (where metric = 'weight_kg') as weight_kg_delta_prev,
    max(delta_base) filter (where metric = 'weight_kg') as weight_kg_delta_base,
    max(class_prev) filter (where metric = 'weight_kg') as weight_kg_class_prev,
    max(class_base) filter (where metric = 'weight_kg') as weight_kg_class_base,
    max(value) filter (where metric = 'body_fat_mass_kg') as body_fat_mass_kg,
    max(delta_prev) filter (where metric = 'body_fat_mass_kg') as body_fat_mass_kg_delta_prev,
    max(delta_base) filter (where metric = 'body_fat_mass_kg') as body_fat_mass_kg_delta_base,
    max(class_prev) filter (where metric = 'body_fat_mass_kg') as body_fat_mass_kg_class_prev,
    max(class_base) filter (where metric = 'body_fat_mass_kg') as body_fat_mass_kg_class_base,
    max(value) filter (where metric = 'body_fat_pct') as body_fat_pct,
    max(delta_prev) filter (where metric = 'body_fat_pct') as body_fat_pct_delta_prev,
    max(delta_base) filter (where metric = 'body_fat_pct') as body_fat_pct_delta_base,
    max(class_prev) filter (where metric = 'body_fat_pct') as body_fat_pct_class_prev,
    max(class_base) filter (where metric = 'body_fat_pct') as body_fat_pct_class_base,
    max(value) filter (where metric = 'lean_body_mass_kg') as lean_body_mass_kg,
    max(delta_prev) filter (where metric = 'lean_body_mass_kg') as lean_body_mass_kg_delta_prev,
    max(delta_base) filter (where metric = 'lean_body_mass_kg') as lean_body_mass_kg_delta_base,
    max(class_prev) filter (where metric = 'lean_body_mass_kg') as lean_body_mass_kg_class_prev,
    max(class_base) filter (where metric = 'lean_body_mass_kg') as lean_body_mass_kg_class_base,
    max(value) filter (where metric = 'skeletal_muscle_mass_kg') as skeletal_muscle_mass_kg,
    max(delta_prev) filter (where metric = 'skeletal_muscle_mass_kg') as skeletal_muscle_mass_kg_delta_prev,
    max(delta_base) filter (where metric = 'skeletal_muscle_mass_kg') as skeletal_muscle_mass_kg_delta_base,
    max(class_prev) filter (where metric = 'skeletal_muscle_mass_kg') as skeletal_muscle_mass_kg_class_prev,
    max(class_base) filter (where metric = 'skeletal_muscle_mass_kg') as skeletal_muscle_mass_kg_class_base,
    max(value) filter (where metric = 'visceral_fat_level') as visceral_fat_level,
    max(delta_prev) filter (where metric = 'visceral_fat_level') as visceral_fat_level_delta_prev,
    max(delta_base) filter (where metric = 'visceral_fat_level') as visceral_fat_level_delta_base,
    max(class_prev) filter (where metric = 'visceral_fat_level') as visceral_fat_level_class_prev,
    max(class_base) filter (where metric = 'visceral_fat_level') as visceral_fat_level_class_base,
    max(value) filter (where metric = 'total_body_water_kg') as total_body_water_kg,
    max(delta_prev) filter (where metric = 'total_body_water_kg') as total_body_water_kg_delta_prev,
    max(delta_base) filter (where metric = 'total_body_water_kg') as total_body_water_kg_delta_base,
    max(class_prev) filter (where metric = 'total_body_water_kg') as total_body_water_kg_class_prev,
    max(class_base) filter (where metric = 'total_body_water_kg') as total_body_water_kg_class_base
  from classed
  group by member_id, scan_id, scan_number, scanned_at
) wide
