-- one row per challenge and entrant (entrants still visible in the challenge's group), ranked or not
-- incremental by: group_id
-- Fair windows: the baseline is the entrant's first scan in the entry window [starts_on, starts_on + entry_days);
-- the result is their latest later scan before the end (ends_on, or the day after an admin ended it early).
-- Scores are relative to each entrant's own baseline, with the formulas of gold.leaderboard. Honest about
-- noise: noise_class compares the underlying change with gold.metric_noise; a change within noise counts
-- as no change (board_score 0), so entrants within noise of zero tie. Threshold mode: reached only with a
-- real change that scores at least the threshold. Scan flags come from app.scan_conditions and the printed
-- hour against the member's usual (median) scan hour.
with challenge as (
  select
    c.id as challenge_id, c.group_id, c.metric, c.mode, c.threshold, c.starts_on,
    c.starts_on + c.entry_days as entry_closes_on,
    case when c.stopped_on is not null then least(c.ends_on, c.stopped_on + 1) else c.ends_on end as result_before
  from app.challenges c
  where c.status <> 'cancelled'
),
entrants as (
  select ch.*, e.member_id
  from challenge ch
  join app.challenge_entrants e on e.challenge_id = ch.challenge_id
  join app.memberships ms on ms.group_id = ch.group_id and ms.member_id = e.member_id and not ms.hidden
),
windows as (
  select
    en.*,
    (select s.scan_id from silver.scans s
      where s.member_id = en.member_id and s.scanned_at >= en.starts_on and s.scanned_at < en.entry_closes_on
        and s.scanned_at < en.result_before
      order by s.scanned_at limit 1) as baseline_scan_id
  from entrants en
),
with_result as (
  select
    w.*,
    (select s.scan_id from silver.scans s
      join silver.scans b on b.member_id = w.member_id and b.scan_id = w.baseline_scan_id
      where s.member_id = w.member_id and s.scanned_at > b.scanned_at and s.scanned_at < w.result_before
      order by s.scanned_at desc limit 1) as result_scan_id
  from windows w
),
usual_hour as (
  select s.member_id,
    percentile_disc(0.5) within group (order by extract(hour from s.scanned_at)) as hour
  from silver.scans s
  where s.member_id in (select member_id from entrants)
  group by s.member_id
),
pairs as (
  select
    r.*,
    s0.scanned_at as baseline_at, s1.scanned_at as result_at,
    s0.weight_kg as w0, s1.weight_kg as w1,
    s0.body_fat_mass_kg as f0, s1.body_fat_mass_kg as f1,
    s0.lean_body_mass_kg as l0, s1.lean_body_mass_kg as l1,
    s0.skeletal_muscle_mass_kg as m0, s1.skeletal_muscle_mass_kg as m1,
    s0.body_fat_pct as p0, s1.body_fat_pct as p1,
    coalesce(cond.trained, false) as result_after_training,
    coalesce(not cond.usual_time, false)
      or (s1.scan_id is not null and abs(extract(hour from s1.scanned_at) - u.hour) >= 3) as result_unusual_hour
  from with_result r
  left join silver.scans s0 on s0.member_id = r.member_id and s0.scan_id = r.baseline_scan_id
  left join silver.scans s1 on s1.member_id = r.member_id and s1.scan_id = r.result_scan_id
  left join app.scan_conditions cond on cond.member_id = r.member_id and cond.scan_id = r.result_scan_id
  left join usual_hour u on u.member_id = r.member_id
),
noise as (
  select metric, likely_at, real_at from gold.metric_noise
),
changes as (
  select
    p.*,
    case p.metric
      when 'composite' then 100 * ((p.l1 - p.l0) / nullif(p.l0, 0) - (p.f1 - p.f0) / nullif(p.w0, 0))
      when 'fat_loss_pct' then 100 * (p.f0 - p.f1) / nullif(p.f0, 0)
      when 'muscle_gain_pct' then 100 * (p.m1 - p.m0) / nullif(p.m0, 0)
      when 'body_fat_pct_points' then p.p0 - p.p1
      when 'weight_loss_pct' then 100 * (p.w0 - p.w1) / nullif(p.w0, 0)
    end as score,
    -- the change the score rests on, as a multiple of its noise thresholds (composite: the larger of lean and fat)
    greatest(
      case when p.metric in ('composite', 'fat_loss_pct') then
        case when abs(p.f1 - p.f0) >= nf.real_at then 2 when abs(p.f1 - p.f0) >= nf.likely_at then 1 else 0 end end,
      case when p.metric = 'composite' then
        case when abs(p.l1 - p.l0) >= nl.real_at then 2 when abs(p.l1 - p.l0) >= nl.likely_at then 1 else 0 end end,
      case when p.metric = 'muscle_gain_pct' then
        case when abs(p.m1 - p.m0) >= nm.real_at then 2 when abs(p.m1 - p.m0) >= nm.likely_at then 1 else 0 end end,
      case when p.metric = 'body_fat_pct_points' then
        case when abs(p.p1 - p.p0) >= np.real_at then 2 when abs(p.p1 - p.p0) >= np.likely_at then 1 else 0 end end,
      case when p.metric = 'weight_loss_pct' then
        case when abs(p.w1 - p.w0) >= nw.real_at then 2 when abs(p.w1 - p.w0) >= nw.likely_at then 1 else 0 end end
    ) as noise_level
  from pairs p
  cross join (select * from noise where metric = 'body_fat_mass_kg') nf
  cross join (select * from noise where metric = 'lean_body_mass_kg') nl
  cross join (select * from noise where metric = 'skeletal_muscle_mass_kg') nm
  cross join (select * from noise where metric = 'body_fat_pct') np
  cross join (select * from noise where metric = 'weight_kg') nw
),
judged as (
  select
    c.*,
    case when c.score is null then null
      when c.noise_level = 2 then 'real' when c.noise_level = 1 then 'likely' else 'within_noise' end as noise_class,
    case when c.score is null then null when c.noise_level = 0 then 0 else round(c.score::numeric, 1) end as board_score,
    c.mode = 'threshold' and c.noise_level = 2 and c.score >= c.threshold as reached
  from changes c
)
select
  challenge_id,
  group_id,
  member_id,
  case when baseline_scan_id is null then 'no_baseline' when score is null then 'no_result' else 'ranked' end as standing,
  case when score is not null then
    rank() over (partition by challenge_id, score is null
                 order by coalesce(reached, false) desc, board_score desc) end as rank,
  score is not null
    and count(*) over (partition by challenge_id, score is null, coalesce(reached, false), board_score) > 1 as tied,
  round(score::numeric, 2) as score,
  board_score,
  noise_class,
  coalesce(reached, false) as reached,
  baseline_scan_id,
  baseline_at,
  result_scan_id,
  result_at,
  result_after_training,
  coalesce(result_unusual_hour, false) as result_unusual_hour
from judged
