-- A cluster served by PVEFlow's in-process simulator (the demo), labelled as such wherever it appears.
ALTER TABLE pve_cluster ADD COLUMN simulated BOOLEAN DEFAULT FALSE NOT NULL;
