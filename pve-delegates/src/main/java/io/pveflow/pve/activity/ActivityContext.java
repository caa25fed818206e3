package io.pveflow.pve.activity;

import org.flowable.engine.delegate.DelegateExecution;

import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.GuestType;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.model.ClusterResource;

/** What one run of an activity works with: the execution, its fields, and the cluster's PVE client. */
public final class ActivityContext {

    private final DelegateExecution execution;
    private final FieldReader fields;
    private final PveClient client;

    ActivityContext(DelegateExecution execution, FieldReader fields, PveClient client) {
        this.execution = execution;
        this.fields = fields;
        this.client = client;
    }

    public DelegateExecution execution() {
        return execution;
    }

    public FieldReader fields() {
        return fields;
    }

    public PveClient pve() {
        return client;
    }

    /**
     * The guest named by the {@code vmid} field, with {@code node} and {@code type} from their fields when given,
     * otherwise found in {@code /cluster/resources}, as an operator would look it up.
     */
    public GuestRef guest() {
        Integer vmid = fields.integer("vmid");
        if (vmid == null) {
            throw ActivityFailure.invalidInput("vmid", "a value is required");
        }
        return guest(vmid);
    }

    public GuestRef guest(int vmid) {
        String node = fields.string("node");
        String type = fields.string("type");
        if (node != null && type != null) {
            return new GuestRef(node, GuestType.valueOf(type.toUpperCase(java.util.Locale.ROOT)), vmid);
        }
        ClusterResource resource = resource(vmid);
        if (resource != null) {
            GuestType guestType = "lxc".equals(resource.type()) ? GuestType.LXC : GuestType.QEMU;
            return new GuestRef(node != null ? node : resource.node(), guestType, vmid);
        }
        throw new ActivityFailure("PVE_NOT_FOUND", "guest " + vmid + " does not exist in cluster '"
                + execution.getTenantId() + "' (or the token may not see it)");
    }

    /** The resource entry of a guest, for HA state and names. */
    public ClusterResource resource(int vmid) {
        for (ClusterResource resource : client.cluster().resources(ClusterApi.ResourceType.VM)) {
            if (resource.vmid() != null && resource.vmid() == vmid) {
                return resource;
            }
        }
        return null;
    }
}
