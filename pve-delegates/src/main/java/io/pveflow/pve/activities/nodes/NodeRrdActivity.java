package io.pveflow.pve.activities.nodes;

import java.util.List;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activities.RrdSeries;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;

/** {@code pveNodeRrd}: a node's statistics (cpu, iowait, loadavg, memused, rootused, netin, netout, ...). */
@Component("pveNodeRrd")
public class NodeRrdActivity extends PveActivity {

    static final FieldSpec NODE = CommonFields.NODE.mandatory().help("The node");

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveNodeRrd", "Node metrics", "Node",
            "chart", "Reads a node's RRD statistics over an hour, day, week, month, year or decade.",
            List.of(NODE, RrdSeries.NODE_TIMEFRAME, RrdSeries.CF, ActivityDescriptor.resultVariableField("rrd")),
            "rrd", RrdSeries.RESULT + "; metrics cpu, iowait, loadavg, maxcpu, memtotal, memused, swaptotal, swapused, "
                    + "roottotal, rootused, netin, netout", false);

    public NodeRrdActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        return Outcome.done(RrdSeries.toMaps(context.pve().nodes().rrd(context.fields().string("node"),
                RrdSeries.timeframe(context), RrdSeries.cf(context))));
    }
}
