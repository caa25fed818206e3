package io.pveflow.sim.state;

/** A volume on a storage: guest disk, backup archive, ISO image or container template. */
public final class Volume {

    private final String volid;
    private final String content;
    private final String format;
    private long size;
    private long used;
    private final Integer vmid;
    private final long ctime;
    private String notes;
    private boolean isProtected;

    public Volume(String volid, String content, String format, long size, Integer vmid, long ctime, String notes,
            boolean isProtected) {
        this.volid = volid;
        this.content = content;
        this.format = format;
        this.size = size;
        this.used = size;
        this.vmid = vmid;
        this.ctime = ctime;
        this.notes = notes;
        this.isProtected = isProtected;
    }

    public String volid() {
        return volid;
    }

    public String storage() {
        return volid.substring(0, volid.indexOf(':'));
    }

    public String content() {
        return content;
    }

    public String format() {
        return format;
    }

    public long size() {
        return size;
    }

    public void setSize(long size) {
        this.used += size - this.size;
        this.size = size;
    }

    /** Space the volume takes on its storage; less than its size for a linked clone. */
    public long used() {
        return used;
    }

    public void setUsed(long used) {
        this.used = used;
    }

    public Integer vmid() {
        return vmid;
    }

    public long ctime() {
        return ctime;
    }

    public String notes() {
        return notes;
    }

    public boolean isProtected() {
        return isProtected;
    }
}
