-- one row per group, period, scoring metric and ranked member (visible members with at least two scans in the period)
-- incremental by: group_id
-- Scores are relative to each member's own first scan of the period, so light and heavy members compete fairly:
--   composite       = 100 × (Δ lean / starting lean − Δ fat / starting weight)  (lean gained and fat lost both count)
--   fat_loss_pct    = % of starting fat mass lost
--   muscle_gain_pct = % of starting skeletal muscle gained
--   body_fat_pct_points = body-fat percentage points lost
--   weight_loss_pct = % of starting weight lost
-- Ties are on the score as shown (one decimal); within_noise marks changes below gold.metric_noise.likely_at.
with settings as (
  select
    g.id as group_id,
    g.challenge_start,
    (current_setting('pump.now')::timestamptz at time zone coalesce(g.time_zone, current_setting('pump.default_tz')))::date as today
  from app.groups g
),
periods as (
  select st.group_id, p.period, p.starts_on
  from settings st
  cross join lateral (values
    ('all', null::date),
    ('90d', st.today - 90),
    ('30d', st.today - 30),
    ('challenge', st.challenge_start)
  ) as p(period, starts_on)
  where p.period <> 'challenge' or st.challenge_start is not null
),
scans_in_period as (
  select p.group_id, p.period, s.member_id, s.scan_id, s.scanned_at
  from periods p
  join app.memberships ms on ms.group_id = p.group_id and not ms.hidden
  join silver.scans s on s.member_id = ms.member_id and (p.starts_on is null or s.scanned_at >= p.starts_on)
  -- the board as it stood at a week's slot (a late summary): pump.scans_before cuts later scans; unset → all
  where s.scanned_at < coalesce(nullif(current_setting('pump.scans_before', true), '')::timestamp, 'infinity')
),
bounds as (
  select
    group_id, period, member_id,
    count(*) as scans_in_period,
    (array_agg(scan_id order by scanned_at))[1] as baseline_scan_id,
    (array_agg(scan_id order by scanned_at desc))[1] as latest_scan_id
  from scans_in_period
  group by group_id, period, member_id
  having count(*) >= 2
),
pairs as (
  select
    b.*,
    s0.scanned_at as baseline_at, s1.scanned_at as latest_at,
    s0.weight_kg as w0, s1.weight_kg as w1,
    s0.body_fat_mass_kg as f0, s1.body_fat_mass_kg as f1,
    s0.lean_body_mass_kg as l0, s1.lean_body_mass_kg as l1,
    s0.skeletal_muscle_mass_kg as m0, s1.skeletal_muscle_mass_kg as m1,
    s0.body_fat_pct as p0, s1.body_fat_pct as p1
  from bounds b
  -- member_id first: silver.scans is indexed by member
  join silver.scans s0 on s0.member_id = b.member_id and s0.scan_id = b.baseline_scan_id
  join silver.scans s1 on s1.member_id = b.member_id and s1.scan_id = b.latest_scan_id
),
noise as (
  select
    max(likely_at) filter (where metric = 'weight_kg') as weight,
    max(likely_at) filter (where metric = 'body_fat_mass_kg') as fat,
    max(likely_at) filter (where metric = 'lean_body_mass_kg') as lean,
    max(likely_at) filter (where metric = 'skeletal_muscle_mass_kg') as muscle,
    max(likely_at) filter (where metric = 'body_fat_pct') as pct
  from gold.metric_noise
),
scores as (
  select p.*, sc.metric, round(sc.score::numeric, 2) as score, sc.within_noise
  from pairs p
  cross join noise n
  cross join lateral (values
    ('composite', 100 * ((p.l1 - p.l0) / nullif(p.l0, 0) - (p.f1 - p.f0) / nullif(p.w0, 0)),
      abs(p.l1 - p.l0) < n.lean and abs(p.f1 - p.f0) < n.fat),
    ('fat_loss_pct', 100 * (p.f0 - p.f1) / nullif(p.f0, 0), abs(p.f1 - p.f0) < n.fat),
    ('muscle_gain_pct', 100 * (p.m1 - p.m0) / nullif(p.m0, 0), abs(p.m1 - p.m0) < n.muscle),
    ('body_fat_pct_points', p.p0 - p.p1, abs(p.p1 - p.p0) < n.pct),
    ('weight_loss_pct', 100 * (p.w0 - p.w1) / nullif(p.w0, 0), abs(p.w1 - p.w0) < n.weight)
  ) as sc(metric, score, within_noise)
  where sc.score is not null
)
select
  group_id,
  period,
  metric,
  member_id,
  rank() over (partition by group_id, period, metric order by round(score, 1) desc) as rank,
  count(*) over (partition by group_id, period, metric, round(score, 1)) > 1 as tied,
  score,
  within_noise,
  scans_in_period,
  baseline_scan_id,
  latest_scan_id,
  baseline_at,
  latest_at
from scores
