-- one row per member per goal: the value it started from, the latest value, progress, and the first scan that reached it
-- incremental by: member_id
with goal_scans as (
  select
    g.member_id, g.metric, g.target, g.start_value, g.start_scan_id, g.set_at,
    s.scan_id, s.scan_number, s.scanned_at,
    case g.metric
      when 'weight_kg' then s.weight_kg
      when 'body_fat_mass_kg' then s.body_fat_mass_kg
      when 'body_fat_pct' then s.body_fat_pct
      when 'skeletal_muscle_mass_kg' then s.skeletal_muscle_mass_kg
      when 'lean_body_mass_kg' then s.lean_body_mass_kg
    end as value
  from app.goals g
  join silver.scans s on s.member_id = g.member_id
),
anchored as (
  select
    gs.*,
    coalesce(
      (select s0.scan_number from silver.scans s0 where s0.member_id = gs.member_id and s0.scan_id = gs.start_scan_id),
      0
    ) as start_scan_number
  from goal_scans gs
),
summary as (
  select
    member_id, metric, target, set_at,
    coalesce(min(start_value), (array_agg(value order by scan_number))[1]) as start_value,
    (array_agg(value order by scan_number desc))[1] as latest_value,
    (array_agg(scan_id order by scan_number desc))[1] as latest_scan_id,
    min(start_scan_number) as start_scan_number
  from anchored
  group by member_id, metric, target, set_at
),
reached as (
  select distinct on (a.member_id, a.metric)
    a.member_id, a.metric, a.scan_id as reached_scan_id, a.scanned_at as reached_at
  from anchored a
  join summary su using (member_id, metric)
  where a.scan_number > su.start_scan_number
    and a.value is not null
    and ((su.target < su.start_value and a.value <= su.target) or (su.target >= su.start_value and a.value >= su.target))
  order by a.member_id, a.metric, a.scan_number
)
select
  su.member_id,
  su.metric,
  su.target,
  su.set_at,
  su.start_value,
  su.latest_value,
  su.latest_scan_id,
  case
    when su.start_value is null or su.latest_value is null then null
    when su.start_value = su.target then 100
    else greatest(0, least(100, round((100 * (su.start_value - su.latest_value) / (su.start_value - su.target))::numeric, 1)))
  end as progress_pct,
  r.reached_scan_id,
  r.reached_at
from summary su
left join reached r using (member_id, metric)
