package io.pveflow.pve.activities.guests;

import java.util.List;

import org.springframework.stereotype.Component;

import io.pveflow.pve.activities.CommonFields;
import io.pveflow.pve.activities.RrdSeries;
import io.pveflow.pve.activity.ActivityContext;
import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.Outcome;
import io.pveflow.pve.activity.PveActivity;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.activity.TaskWaits;

/** {@code pveGuestRrd}: a guest's statistics (cpu, mem, disk, netin, netout, diskread, diskwrite, ...). */
@Component("pveGuestRrd")
public class GuestRrdActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveGuestRrd", "Guest metrics",
            "Guest inventory", "chart", "Reads a guest's RRD statistics over an hour, day, week, month or year.",
            List.of(CommonFields.VMID, CommonFields.NODE, CommonFields.TYPE, RrdSeries.TIMEFRAME, RrdSeries.CF,
                    ActivityDescriptor.resultVariableField("rrd")),
            "rrd", RrdSeries.RESULT + "; metrics cpu, maxcpu, mem, maxmem, disk, maxdisk, netin, netout, diskread, diskwrite", false);

    public GuestRrdActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        return Outcome.done(RrdSeries.toMaps(context.pve().guests().rrd(context.guest(), RrdSeries.timeframe(context),
                RrdSeries.cf(context))));
    }
}
