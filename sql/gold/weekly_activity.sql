-- one row per group per week (Monday start, in the group's time zone) per member, from the member's first week in the group (at most two years back) to the current week
-- incremental by: member_id
-- due_rescan: 28+ days since the member's last scan at the end of the week (Evolt recommends a scan every 4 weeks).
-- Scans are looked up per member through lateral joins, so a run for one member reads only that member's rows.
with members_in_groups as (
  select
    ms.group_id,
    ms.member_id,
    now_local.at as now_local,
    least(ms.joined_at at time zone coalesce(g.time_zone, current_setting('pump.default_tz')), first_scan.at) as first_seen,
    earlier.at as earlier_scan
  from app.memberships ms
  join app.groups g on g.id = ms.group_id
  cross join lateral (
    select current_setting('pump.now')::timestamptz at time zone coalesce(g.time_zone, current_setting('pump.default_tz')) as at
  ) now_local
  left join lateral (select min(s.scanned_at) as at from silver.scans s where s.member_id = ms.member_id) first_scan on true
  -- scans older than the two-year window still count for "last scan"
  left join lateral (
    select max(s.scanned_at) as at from silver.scans s
    where s.member_id = ms.member_id and s.scanned_at < date_trunc('week', now_local.at - interval '104 weeks')
  ) earlier on true
),
weeks as (
  select m.group_id, m.member_id, m.now_local, m.earlier_scan, w::date as week_start
  from members_in_groups m
  cross join lateral generate_series(
    date_trunc('week', greatest(m.first_seen, m.now_local - interval '104 weeks')),
    date_trunc('week', m.now_local),
    interval '1 week'
  ) as w
),
per_week as (
  select
    w.group_id,
    w.week_start,
    w.member_id,
    least(w.week_start + interval '7 days', w.now_local) as week_end,
    sw.scans as scans_this_week,
    coalesce(
      max(sw.last_scan) over (
        partition by w.group_id, w.member_id order by w.week_start rows between unbounded preceding and current row
      ),
      w.earlier_scan
    ) as last_scan_at,
    gw.metrics as goals_reached
  from weeks w
  cross join lateral (
    select count(*)::int as scans, max(s.scanned_at) as last_scan from silver.scans s
    where s.member_id = w.member_id and s.scanned_at >= w.week_start and s.scanned_at < w.week_start + interval '7 days'
  ) sw
  cross join lateral (
    select coalesce(array_agg(gs.metric order by gs.metric), '{}') as metrics from gold.goal_status gs
    where gs.member_id = w.member_id and gs.reached_at >= w.week_start and gs.reached_at < w.week_start + interval '7 days'
  ) gw
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
