-- member_progress has exactly one row per published scan
-- incremental by: member_id
select s.member_id from silver.scans s left join gold.member_progress p using (scan_id) where p.scan_id is null
union all
select member_id from gold.member_progress group by member_id, scan_id having count(*) > 1
