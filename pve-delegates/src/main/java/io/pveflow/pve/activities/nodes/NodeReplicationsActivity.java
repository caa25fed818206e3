package io.pveflow.pve.activities.nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.model.ReplicationState;

/**
 * {@code pveNodeReplications}: the state of the replication jobs whose source is a node (last and next sync,
 * failures), as {@code GET /nodes/{node}/replication} reports it. Keys keep Proxmox's names.
 */
@Component("pveNodeReplications")
public class NodeReplicationsActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveNodeReplications",
            "Node replications", "Node", "sync", "Lists the replication jobs running from a node, with their last and "
                    + "next sync and failures.",
            List.of(NodeRrdActivity.NODE,
                    FieldSpec.of("guest", "Guest (VMID)", FieldType.INTEGER).pattern("[1-9][0-9]{2,8}").picker("guests")
                            .help("Empty: every guest's jobs"),
                    ActivityDescriptor.resultVariableField("replications")),
            "replications", "list of {id, guest, jobnum, target, schedule, type, state, last_sync, next_sync, last_try, "
                    + "duration, fail_count, error, failing}", false);

    public NodeReplicationsActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (ReplicationState s : context.pve().replication().states(context.fields().string("node"),
                context.fields().integer("guest"))) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", s.id());
            job.put("guest", s.guest());
            job.put("jobnum", s.jobnum());
            job.put("target", s.target());
            job.put("schedule", s.schedule());
            job.put("type", s.type());
            job.put("state", s.state());
            job.put("last_sync", s.lastSync());
            job.put("next_sync", s.nextSync());
            job.put("last_try", s.lastTry());
            job.put("duration", s.duration());
            job.put("fail_count", s.failCount() == null ? 0 : s.failCount());
            job.put("error", s.error());
            job.put("failing", s.isFailing()); // so a gateway need not know both ways Proxmox reports a failure
            jobs.add(job);
        }
        return Outcome.done(jobs);
    }
}
