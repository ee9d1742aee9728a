-- a member merged into another by /link has no scans of their own: silver gives them to the person
-- incremental by: member_id
select s.member_id from silver.scans s
where exists (select 1 from app.member_merges mm where mm.merged_member_id = s.member_id)
