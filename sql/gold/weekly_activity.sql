-- one row per group per week (Monday start, in the group's time zone) per member, from the member's first week in the group to the current week
-- incremental by: member_id
-- due_rescan: 28+ days since the member's last scan at the end of the week (Evolt recommends a scan every 4 weeks).
with members_in_groups as (
  select
    ms.group_id, ms.member_id,
    (current_setting('pump.now')::timestamptz at time zone coalesce(g.time_zone, current_setting('pump.default_tz'))) as now_local,
    least(
      (ms.joined_at at time zone coalesce(g.time_zone, current_setting('pump.default_tz'))),
      (select min(s.scanned_at) from silver.scans s where s.member_id = ms.member_id)
    ) as first_seen
  from app.memberships ms
  join app.groups g on g.id = ms.group_id
),
weeks as (
  select m.group_id, m.member_id, m.now_local, w::date as week_start
  from members_in_groups m
  cross join lateral generate_series(date_trunc('week', m.first_seen), date_trunc('week', m.now_local), interval '1 week') as w
),
per_week as (
  select
    w.group_id, w.week_start, w.member_id,
    least(w.week_start + interval '7 days', w.now_local) as week_end,
    (select count(*) from silver.scans s
       where s.member_id = w.member_id and s.scanned_at >= w.week_start and s.scanned_at < w.week_start + interval '7 days') as scans_this_week,
    (select max(s.scanned_at) from silver.scans s
       where s.member_id = w.member_id and s.scanned_at < w.week_start + interval '7 days') as last_scan_at,
    (select coalesce(array_agg(gs.metric order by gs.metric), '{}') from gold.goal_status gs
       where gs.member_id = w.member_id and gs.reached_at >= w.week_start and gs.reached_at < w.week_start + interval '7 days') as goals_reached
  from weeks w
)
select
  group_id,
  week_start,
  member_id,
  scans_this_week::int,
  scans_this_week > 0 as scanned,
  last_scan_at,
  case when last_scan_at is null then null else extract(day from week_end - last_scan_at)::int end as days_since_last_scan,
  last_scan_at is not null and week_end - last_scan_at >= interval '28 days' as due_rescan,
  goals_reached
from per_week
