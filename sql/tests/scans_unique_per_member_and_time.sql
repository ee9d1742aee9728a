-- a member has at most one scan per printed time, and scan ids are unique
select member_id, scanned_at from silver.scans group by member_id, scanned_at having count(*) > 1
union all
select null, null from silver.scans group by scan_id having count(*) > 1
