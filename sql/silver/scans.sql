-- one row per member per printed scan time: the newest parser version of each file, then the first file received
-- incremental by: member_id
-- index: member_id, scanned_at
-- scan_id is derived from the file's sha256, so it stays the same across reprocessing (the Sheet keys on it).
-- (every report of a file belongs to one member, so partitioning by member first changes nothing but lets
-- an incremental run read only that member's rows)
with newest_per_file as (
  select distinct on (member_id, raw_sha256) *
  from silver.stg_scans
  order by member_id, raw_sha256, parser_version_parts desc, scan_report_id desc
),
first_per_scan_time as (
  select distinct on (member_id, scanned_at) *
  from newest_per_file
  order by member_id, scanned_at, received_at, scan_report_id
)
select
  'scan_' || left(raw_sha256, 16) as scan_id,
  row_number() over (partition by member_id order by scanned_at) as scan_number,
  f.*
from first_per_scan_time f
