-- one row per group, week and member
-- incremental by: member_id
select member_id from gold.weekly_activity group by member_id, group_id, week_start having count(*) > 1
