-- The forms of a draft (io.pveflow.server.processes): form-js schemas that user tasks name by flowable:formKey.
-- Publishing deploys them beside the BPMN as <form_id>.form resources, so each version keeps its own forms.
CREATE TABLE process_draft_form (
    cluster_id  VARCHAR(32)  NOT NULL,
    process_key VARCHAR(255) NOT NULL,
    form_id     VARCHAR(255) NOT NULL,
    json        TEXT         NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (cluster_id, process_key, form_id),
    FOREIGN KEY (cluster_id, process_key) REFERENCES process_draft (cluster_id, process_key) ON DELETE CASCADE
);
