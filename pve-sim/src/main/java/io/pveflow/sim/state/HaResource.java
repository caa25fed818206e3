package io.pveflow.sim.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An entry of {@code ha/resources.cfg}. Guarded by the {@link Cluster} lock. */
public final class HaResource {

    private final String sid;
    private String state;
    private int maxRestart;
    private int maxRelocate;
    private boolean failback;
    private String comment;

    public HaResource(String sid, String state, int maxRestart, int maxRelocate, boolean failback, String comment) {
        this.sid = sid;
        this.state = state;
        this.maxRestart = maxRestart;
        this.maxRelocate = maxRelocate;
        this.failback = failback;
        this.comment = comment;
    }

    public String sid() {
        return sid;
    }

    public String type() {
        return sid.substring(0, sid.indexOf(':'));
    }

    public int vmid() {
        return Integer.parseInt(sid.substring(sid.indexOf(':') + 1));
    }

    /** Requested state: started, stopped, enabled (= started), disabled or ignored. */
    public String state() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    /** Whether the HA stack acts on the guest (start/stop requests turn into hastart/hastop). */
    public boolean managing() {
        return !state.equals("ignored");
    }

    public boolean wantsRunning() {
        return state.equals("started") || state.equals("enabled");
    }

    public int maxRestart() {
        return maxRestart;
    }

    public void setMaxRestart(int maxRestart) {
        this.maxRestart = maxRestart;
    }

    public int maxRelocate() {
        return maxRelocate;
    }

    public void setMaxRelocate(int maxRelocate) {
        this.maxRelocate = maxRelocate;
    }

    public boolean failback() {
        return failback;
    }

    public void setFailback(boolean failback) {
        this.failback = failback;
    }

    public String comment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public String digest() {
        String text = sid + state + maxRestart + maxRelocate + failback + comment;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
