-- every published scan has its keys and the headline numbers a reply needs
-- incremental by: member_id
select member_id, scan_id from silver.scans
where scan_id is null or member_id is null or scanned_at is null or weight_kg is null or weight_kg <= 0
