-- the Challenge tab has each finished challenge's entrant once, and only finished challenges' entrants
-- incremental by: member_id
select member_id from gold.challenge_sheet_rows group by entry_id, member_id having count(*) > 1
union all
select s.member_id from gold.challenge_sheet_rows s
left join gold.challenge_board b on 'entry_' || b.challenge_id || '_' || b.member_id = s.entry_id and b.member_id = s.member_id
where b.member_id is null
