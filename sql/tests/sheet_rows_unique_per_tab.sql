-- each scan appears at most once per Sheet tab, and every published scan of a visible member appears somewhere
-- incremental by: member_id
select member_id from gold.sheet_rows group by member_id, tab, scan_id having count(*) > 1
union all
select s.member_id from silver.scans s
where not exists (select 1 from gold.sheet_rows r where r.scan_id = s.scan_id)
  and exists (select 1 from app.memberships ms where ms.member_id = s.member_id and not ms.hidden)
