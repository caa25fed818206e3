package io.pveflow.pve.activities.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.client.model.ReplicationJob;

/**
 * {@code pveClusterReplications}: every replication job of the cluster as configured ({@code GET
 * /cluster/replication}). Their run state (last sync, failures) is per source node: {@code pveNodeReplications}.
 */
@Component("pveClusterReplications")
public class ClusterReplicationsActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveClusterReplications",
            "Cluster replications", "Cluster", "sync", "Lists the cluster's replication jobs as configured.",
            List.of(ActivityDescriptor.resultVariableField("replications")),
            "replications", "list of {id, guest, jobnum, target, source, schedule, type, rate, comment, disable, "
                    + "remove_job}", false);

    public ClusterReplicationsActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (ReplicationJob j : context.pve().replication().jobs()) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", j.id());
            job.put("guest", j.guest());
            job.put("jobnum", j.jobnum());
            job.put("target", j.target());
            job.put("source", j.source());
            job.put("schedule", j.schedule() == null ? "*/15" : j.schedule()); // Proxmox's default when unset
            job.put("type", j.type());
            job.put("rate", j.rate());
            job.put("comment", j.comment());
            job.put("disable", Boolean.TRUE.equals(j.disable()));
            job.put("remove_job", j.removeJob());
            jobs.add(job);
        }
        return Outcome.done(jobs);
    }
}
