-- member_progress has exactly one row per published scan
select s.scan_id from silver.scans s left join gold.member_progress p using (scan_id) where p.scan_id is null
union all
select scan_id from gold.member_progress group by scan_id having count(*) > 1
