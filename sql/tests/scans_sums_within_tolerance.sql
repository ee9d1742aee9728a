-- the sheet's own sums (evolt-report.md §9 R1, R3, R4, R5) hold within the extractor's rejection tolerance
-- incremental by: member_id
select member_id, scan_id from silver.scans
where abs(lean_body_mass_kg + body_fat_mass_kg - weight_kg) > 1.5
   or abs(subcutaneous_fat_mass_kg + visceral_fat_mass_kg - body_fat_mass_kg) > 1.5
   or abs(intracellular_fluid_kg + extracellular_fluid_kg - total_body_water_kg) > 1.5
   or abs(protein_kg + mineral_kg + total_body_water_kg - lean_body_mass_kg) > 1.5
   or body_fat_pct not between 1 and 75
