-- every entrant of a challenge appears at most once on its board, and only entrants do
-- incremental by: member_id
select member_id from gold.challenge_board group by challenge_id, member_id having count(*) > 1
union all
select b.member_id from gold.challenge_board b
left join app.challenge_entrants e on e.challenge_id = b.challenge_id and e.member_id = b.member_id
where e.member_id is null
