package io.pveflow.sim.state;

/** A storage replication job ({@code replication.cfg}) and its state file. Guarded by the {@link Cluster} lock. */
public final class ReplicationJob {

    private final String id;
    private final int guest;
    private final int jobnum;
    private final String target;
    private String schedule;
    private Double rate;
    private String comment;
    private boolean disable;
    private String removeJob;
    private String source;
    private long lastSync;
    private long lastTry;
    private double duration;
    private int failCount;
    private String error;
    private long nextSync;
    private boolean running;

    public ReplicationJob(String id, String target, String schedule) {
        this.id = id;
        String[] parts = id.split("-");
        this.guest = Integer.parseInt(parts[0]);
        this.jobnum = Integer.parseInt(parts[1]);
        this.target = target;
        this.schedule = schedule == null ? "*/15" : schedule;
    }

    public String id() {
        return id;
    }

    public int guest() {
        return guest;
    }

    public int jobnum() {
        return jobnum;
    }

    public String target() {
        return target;
    }

    public String schedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule == null ? "*/15" : schedule;
    }

    public Double rate() {
        return rate;
    }

    public void setRate(Double rate) {
        this.rate = rate;
    }

    public String comment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public boolean disable() {
        return disable;
    }

    public void setDisable(boolean disable) {
        this.disable = disable;
    }

    public String removeJob() {
        return removeJob;
    }

    public void setRemoveJob(String removeJob) {
        this.removeJob = removeJob;
    }

    public String source() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public long lastSync() {
        return lastSync;
    }

    public long lastTry() {
        return lastTry;
    }

    public double duration() {
        return duration;
    }

    public int failCount() {
        return failCount;
    }

    public String error() {
        return error;
    }

    public long nextSync() {
        return nextSync;
    }

    public void setNextSync(long nextSync) {
        this.nextSync = nextSync;
    }

    public boolean running() {
        return running;
    }

    public void setRunning(boolean running) {
        this.running = running;
    }

    public void succeeded(long now, double seconds, long next) {
        lastSync = now;
        lastTry = now;
        duration = seconds;
        failCount = 0;
        error = null;
        nextSync = next;
        running = false;
    }

    public void failed(long now, String message, long next) {
        lastTry = now;
        failCount++;
        error = message;
        nextSync = next;
        running = false;
    }

    /** Minutes between runs for the simple {@code *}{@code /N} schedules; 15 otherwise. */
    public long intervalSeconds() {
        if (schedule.startsWith("*/")) {
            try {
                return Long.parseLong(schedule.substring(2).trim()) * 60;
            } catch (NumberFormatException e) {
                return 900;
            }
        }
        return 900;
    }
}
