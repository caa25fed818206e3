package io.pveflow.pve.client;

import java.util.Collection;
import java.util.stream.Collectors;

import io.pveflow.pve.client.http.PveTransport;

/** Backups with vzdump. One task backs up every guest selected on that node. */
public final class Backups {

    private final PveTransport t;

    Backups(PveTransport transport) {
        this.t = transport;
    }

    /** Starts {@code vzdump} on {@code node}; select guests with {@link Options#vmids}, {@code all} or {@code pool}. */
    public Upid start(String node, Options options) {
        return Calls.upid(t.call("POST", "/nodes/{node}/vzdump", Calls.params(options, "node", node)),
                "backup on " + node);
    }

    public static final class Options extends RequestOptions<Options> {
        public enum Mode {
            SNAPSHOT, SUSPEND, STOP
        }

        public Options vmids(Collection<Integer> vmids) {
            return param("vmid", vmids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }

        public Options vmid(int vmid) {
            return param("vmid", String.valueOf(vmid));
        }

        public Options all(boolean value) {
            return param("all", value);
        }

        public Options pool(String pool) {
            return param("pool", pool);
        }

        public Options storage(String storage) {
            return param("storage", storage);
        }

        public Options mode(Mode mode) {
            return param("mode", mode.name().toLowerCase());
        }

        /** {@code 0}, {@code 1}, {@code gzip}, {@code lzo} or {@code zstd}. */
        public Options compress(String value) {
            return param("compress", value);
        }

        /** Template for the backup's notes, e.g. <code>{{guestname}}</code>. */
        public Options notesTemplate(String template) {
            return param("notes-template", template);
        }

        public Options protect(boolean value) {
            return param("protected", value);
        }

        /** Pruning, e.g. {@code keep-last=3}. */
        public Options pruneBackups(String value) {
            return param("prune-backups", value);
        }

        public Options remove(boolean value) {
            return param("remove", value);
        }

        /** KiB/s. */
        public Options bwlimit(long kibPerSecond) {
            return param("bwlimit", kibPerSecond);
        }

        public Options exclude(Collection<Integer> vmids) {
            return param("exclude", vmids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }
}
