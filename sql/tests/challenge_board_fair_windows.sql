-- a baseline lies in the entry window, a result after the baseline and before the end; only ranked rows have a rank; threshold winners made a real change
-- incremental by: member_id
select b.member_id from gold.challenge_board b
join app.challenges c on c.id = b.challenge_id
where (b.baseline_at is not null and (b.baseline_at < c.starts_on or b.baseline_at >= c.starts_on + c.entry_days))
   or (b.result_at is not null and (b.result_at <= b.baseline_at or b.result_at >= c.ends_on))
   or ((b.rank is null) <> (b.standing <> 'ranked'))
   or (b.reached and (b.noise_class <> 'real' or c.mode <> 'threshold'))
