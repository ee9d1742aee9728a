-- a member has at most one scan per printed time, and scan ids are unique
-- incremental by: member_id
select member_id from silver.scans group by member_id, scanned_at having count(*) > 1
union all
select member_id from silver.scans group by member_id, scan_id having count(*) > 1
