package io.pveflow.sim.state;

import java.util.LinkedHashMap;
import java.util.Map;

/** One snapshot: its name, place in the tree and a copy of the guest config taken when it was made. */
public final class Snapshot {

    private final String name;
    private String description;
    private final long snaptime;
    private final boolean vmstate;
    private String parent;
    private final Map<String, String> config;

    public Snapshot(String name, String description, long snaptime, boolean vmstate, String parent,
            Map<String, String> config) {
        this.name = name;
        this.description = description == null ? "" : description;
        this.snaptime = snaptime;
        this.vmstate = vmstate;
        this.parent = parent;
        this.config = new LinkedHashMap<>(config);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    public long snaptime() {
        return snaptime;
    }

    public boolean vmstate() {
        return vmstate;
    }

    public String parent() {
        return parent;
    }

    public void setParent(String parent) {
        this.parent = parent;
    }

    public Map<String, String> config() {
        return config;
    }
}
