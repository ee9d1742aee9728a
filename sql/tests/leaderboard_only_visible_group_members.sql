-- nobody appears on the board of a group they are not in, or have hidden themselves from; one row per member per board
-- incremental by: member_id
select l.member_id from gold.leaderboard l
left join app.memberships ms on ms.group_id = l.group_id and ms.member_id = l.member_id
where ms.member_id is null or ms.hidden
union all
select member_id from gold.leaderboard group by member_id, group_id, period, metric having count(*) > 1
