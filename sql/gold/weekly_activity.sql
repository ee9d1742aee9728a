-- one row per group per week (Monday start, in the group's time zone) per member, from the member's first week in the group (at most two years back) to the current week
-- incremental by: member_id
-- due_rescan: 28+ days since the member's last scan at the end of the week (Evolt recommends a scan every 4 weeks).
with members_in_groups as (
  select
    ms.group_id,
    ms.member_id,
    (current_setting('pump.now')::timestamptz at time zone coalesce(g.time_zone, current_setting('pump.default_tz'))) as now_local,
    least(
      ms.joined_at at time zone coalesce(g.time_zone, current_setting('pump.default_tz')),
      first_scan.at
    ) as first_seen
  from app.memberships ms
  join app.groups g on g.id = ms.group_id
  left join (select member_id, min(scanned_at) as at from silver.scans group by member_id) first_scan
    on first_scan.member_id = ms.member_id
),
bounded as materialized (
  select
    m.*,
    greatest(m.first_seen, m.now_local - interval '104 weeks') as window_start,
    -- scans older than the two-year window still count for "last scan"
    case when m.first_seen < m.now_local - interval '104 weeks' then
      (select max(s.scanned_at) from silver.scans s
        where s.member_id = m.member_id and s.scanned_at < date_trunc('week', m.now_local - interval '104 weeks'))
    end as earlier_scan
  from members_in_groups m
),
weeks as (
  select b.group_id, b.member_id, b.now_local, b.earlier_scan, w::date as week_start
  from bounded b
  cross join lateral generate_series(
    date_trunc('week', b.window_start),
    date_trunc('week', b.now_local),
    interval '1 week'
  ) as w
),
scan_weeks as (
  select member_id, date_trunc('week', scanned_at)::date as week_start, count(*)::int as scans, max(scanned_at) as last_scan
  from silver.scans
  group by member_id, date_trunc('week', scanned_at)::date
),
goal_weeks as (
  select member_id, date_trunc('week', reached_at)::date as week_start, array_agg(metric order by metric) as metrics
  from gold.goal_status
  where reached_at is not null
  group by member_id, date_trunc('week', reached_at)::date
),
per_week as (
  select
    w.group_id,
    w.week_start,
    w.member_id,
    least(w.week_start + interval '7 days', w.now_local) as week_end,
    coalesce(sw.scans, 0) as scans_this_week,
    coalesce(
      max(sw.last_scan) over (
        partition by w.group_id, w.member_id order by w.week_start rows between unbounded preceding and current row
      ),
      w.earlier_scan
    ) as last_scan_at,
    coalesce(gw.metrics, '{}') as goals_reached
  from weeks w
  left join scan_weeks sw on sw.member_id = w.member_id and sw.week_start = w.week_start
  left join goal_weeks gw on gw.member_id = w.member_id and gw.week_start = w.week_start
)
select
  group_id,
  week_start,
  member_id,
  scans_this_week,
  scans_this_week > 0 as scanned,
  last_scan_at,
  case when last_scan_at is null then null else extract(day from week_end - last_scan_at)::int end as days_since_last_scan,
  last_scan_at is not null and week_end - last_scan_at >= interval '28 days' as due_rescan,
  goals_reached
from per_week
