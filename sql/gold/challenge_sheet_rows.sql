-- one row per entrant of each finished challenge, as the Sheet's "Challenge" tab shows it
-- incremental by: group_id
-- Only challenges that ended (not running, not cancelled): the tab is the record of final results.
select
  'entry_' || b.challenge_id || '_' || b.member_id as entry_id,
  'Challenge' as tab,
  b.member_id,
  b.group_id,
  c.title as challenge,
  g.title as group_title,
  to_char(c.starts_on, 'YYYY-MM-DD') as starts_on,
  to_char(case when c.stopped_on is not null then least(c.ends_on, c.stopped_on + 1) else c.ends_on end - 1,
          'YYYY-MM-DD') as last_day,
  c.metric,
  c.mode,
  c.threshold::float8 as threshold,
  m.display_name as member,
  b.standing,
  b.rank::float8 as rank,
  case when b.tied then 'yes' else '' end as tied,
  b.score::float8 as score,
  b.noise_class,
  case when b.reached then 'yes' else '' end as reached,
  to_char(b.baseline_at, 'YYYY-MM-DD HH24:MI') as baseline_at,
  to_char(b.result_at, 'YYYY-MM-DD HH24:MI') as result_at,
  concat_ws(', ',
    case when b.result_after_training then 'after training' end,
    case when b.result_unusual_hour then 'unusual hour' end) as result_flags
from gold.challenge_board b
join app.challenges c on c.id = b.challenge_id and c.group_id = b.group_id
join app.groups g on g.id = b.group_id
join app.members m on m.id = b.member_id
where c.status = 'ended'
