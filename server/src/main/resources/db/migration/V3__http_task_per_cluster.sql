-- Whether processes of this cluster may use Flowable's HTTP task (refused at deploy unless an admin allows it).
ALTER TABLE pve_cluster ADD COLUMN allow_http_task BOOLEAN DEFAULT FALSE NOT NULL;
