-- the sheet's own sums (evolt-report.md §9 R1, R3, R4, R5 and R2) hold within the extractor's rejection rule
-- (src/extract/validate.ts rejectImplausible: a miss larger than max(2 kg, a share of the total)); a scan
-- that passed the extractor must never fail here, or it would block every refresh
-- incremental by: member_id
select member_id, scan_id from silver.scans
where abs(lean_body_mass_kg + body_fat_mass_kg - weight_kg) > greatest(2, 0.03 * weight_kg) + 0.01
   or abs(subcutaneous_fat_mass_kg + visceral_fat_mass_kg - body_fat_mass_kg) > greatest(2, 0.1 * body_fat_mass_kg) + 0.01
   or abs(intracellular_fluid_kg + extracellular_fluid_kg - total_body_water_kg) > greatest(2, 0.1 * total_body_water_kg) + 0.01
   or abs(protein_kg + mineral_kg + total_body_water_kg - lean_body_mass_kg) > greatest(2, 0.05 * lean_body_mass_kg) + 0.01
   or abs(100 * body_fat_mass_kg / weight_kg - body_fat_pct) > 3.01
   or weight_kg not between 20 and 350
   or body_fat_pct not between 2 and 75
