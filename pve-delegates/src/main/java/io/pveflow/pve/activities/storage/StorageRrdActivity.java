package io.pveflow.pve.activities.storage;

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

/** {@code pveStorageRrd}: a storage's usage over time on one node ({@code total}, {@code used}). */
@Component("pveStorageRrd")
public class StorageRrdActivity extends PveActivity {

    private static final ActivityDescriptor DESCRIPTOR = new ActivityDescriptor("pveStorageRrd", "Storage metrics",
            "Storage", "chart", "Reads a storage's RRD statistics (total and used bytes) as one node sees it.",
            List.of(CommonFields.NODE.mandatory().help("The node whose view of the storage is read"),
                    StorageFields.STORAGE.dependsOn("node"), RrdSeries.TIMEFRAME, RrdSeries.CF,
                    ActivityDescriptor.resultVariableField("rrd")),
            "rrd", RrdSeries.RESULT + "; metrics total, used", false);

    public StorageRrdActivity(PveClientRegistry clients, TaskWaits waits) {
        super(DESCRIPTOR, clients, waits);
    }

    @Override
    protected Outcome run(ActivityContext context) {
        return Outcome.done(RrdSeries.toMaps(context.pve().storage().rrd(context.fields().string("node"),
                context.fields().string("storage"), RrdSeries.timeframe(context), RrdSeries.cf(context))));
    }
}
