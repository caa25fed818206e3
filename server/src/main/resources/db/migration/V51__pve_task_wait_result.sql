-- What a parked step stores once its task ended (its result variable and value), kept with the wait instead of in
-- an engine variable: parking and waking a step then write no engine variables and no serialised byte arrays.
-- Null in both for waits parked before this version (their pending result is still an engine variable).
ALTER TABLE pve_task_wait ADD COLUMN result_variable VARCHAR(255);
ALTER TABLE pve_task_wait ADD COLUMN result_json TEXT;
