-- one row per group, week and member
select group_id, week_start, member_id from gold.weekly_activity
group by group_id, week_start, member_id having count(*) > 1
