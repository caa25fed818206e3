package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.obj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pveflow.sim.auth.AuthException;
import io.pveflow.sim.auth.Principal;
import io.pveflow.sim.tasks.Task;
import io.pveflow.sim.tasks.Upid;
import io.pveflow.sim.validation.ParameterException;

/** Task status, log, stop, the node task list and the cluster's recent tasks. */
final class TaskApi {

    private final Simulation sim;

    TaskApi(Simulation sim) {
        this.sim = sim;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("GET /nodes/{node}/tasks", this::list);
        h.put("GET /nodes/{node}/tasks/{upid}/status", this::status);
        h.put("GET /nodes/{node}/tasks/{upid}/log", this::log);
        h.put("DELETE /nodes/{node}/tasks/{upid}", this::stop);
        h.put("GET /cluster/tasks", this::clusterTasks);
    }

    private boolean owner(Principal p, Task t) {
        String user = t.upid().user();
        return user.equals(p.id()) || (!p.isToken() && user.startsWith(p.userid() + "!"));
    }

    private Task find(Call c, String privilegeIfNotOwner) {
        String text = c.params().string("upid");
        Upid upid = Upid.parse(text);
        if (upid == null) {
            throw ParameterException.of("upid", "unable to parse worker upid");
        }
        Task task = sim.tasks.get(text);
        if (task == null || !upid.node().equals(c.node()) || sim.tasks.invisible(task)) {
            throw ParameterException.of("upid", "no such task");
        }
        if (!owner(c.principal(), task)
                && !sim.access.has(c.principal(), "/nodes/" + c.node(), privilegeIfNotOwner)) {
            throw AuthException.forbidden("/nodes/" + c.node(), privilegeIfNotOwner);
        }
        return task;
    }

    static Map<String, Object> describe(Task t) {
        Upid u = t.upid();
        String user = u.user();
        String tokenid = null;
        int bang = user.indexOf('!');
        if (bang > 0) {
            tokenid = user.substring(bang + 1);
            user = user.substring(0, bang);
        }
        return obj("upid", t.upidText(), "node", u.node(), "pid", u.pid(), "pstart", u.pstart(),
                "starttime", u.starttime(), "type", u.type(), "id", u.id(), "user", user, "tokenid", tokenid);
    }

    private Object status(Call c) {
        Task t = find(c, "Sys.Audit");
        Map<String, Object> out = describe(t);
        if (t.running()) {
            out.put("status", "running");
        } else {
            out.put("status", "stopped");
            out.put("exitstatus", t.exitStatus());
        }
        return out;
    }

    private Object log(Call c) {
        Task t = find(c, "Sys.Audit");
        List<String> lines = t.log();
        long start = c.params().longValue("start", 0);
        long limit = c.params().longValue("limit", 50);
        List<Map<String, Object>> out = new ArrayList<>();
        for (long i = start; i < lines.size() && out.size() < limit; i++) {
            out.add(obj("n", i + 1, "t", lines.get((int) i)));
        }
        if (lines.isEmpty() && start == 0 && limit > 0) {
            // PVE shows "no content" for an empty log file
            out.add(obj("n", 1, "t", "no content"));
            return new Reply(out, 1);
        }
        return new Reply(out, lines.size());
    }

    private Object stop(Call c) {
        Task t = find(c, "Sys.Modify");
        sim.tasks.stop(t);
        return null;
    }

    static Map<String, Object> listEntry(Task t) {
        Map<String, Object> e = describe(t);
        e.remove("tokenid");
        e.put("user", t.upid().user());
        if (!t.running()) {
            e.put("endtime", t.endtime());
            e.put("status", t.exitStatus());
        }
        return e;
    }

    private static String statusType(Task t) {
        if (t.running()) {
            return "unknown";
        }
        String s = t.exitStatus();
        if ("OK".equals(s)) {
            return "ok";
        }
        if (s != null && s.startsWith("WARNINGS")) {
            return "warning";
        }
        return "error";
    }

    private Object list(Call c) {
        String source = c.params().string("source", "archive");
        Integer vmid = c.params().optionalInt("vmid");
        String typefilter = c.params().string("typefilter");
        String userfilter = c.params().string("userfilter");
        boolean errors = c.params().bool("errors", false);
        Long since = c.params().has("since") ? c.params().longValue("since", 0) : null;
        Long until = c.params().has("until") ? c.params().longValue("until", 0) : null;
        Set<String> statuses = c.params().has("statusfilter")
                ? new HashSet<>(Arrays.asList(c.params().string("statusfilter").split("[,;\\s]+"))) : null;
        long start = c.params().longValue("start", 0);
        long limit = c.params().longValue("limit", 50);
        boolean seeAll = sim.access.has(c.principal(), "/nodes/" + c.node(), "Sys.Audit");
        List<Map<String, Object>> page = new ArrayList<>();
        long total = 0;
        for (Task t : sim.tasks.tasksOf(c.node())) {
            boolean running = t.running();
            if ((source.equals("archive") && running) || (source.equals("active") && !running)) {
                continue;
            }
            Upid u = t.upid();
            if ((vmid != null && !u.id().equals(vmid.toString()))
                    || (typefilter != null && !u.type().equals(typefilter))
                    || (userfilter != null && !u.user().toLowerCase().contains(userfilter.toLowerCase()))
                    || (errors && (running || !t.failed()))
                    || (since != null && u.starttime() < since)
                    || (until != null && u.starttime() > until)
                    || (statuses != null && !statuses.contains(statusType(t)))
                    || (!seeAll && !owner(c.principal(), t))) {
                continue;
            }
            if (total >= start && page.size() < limit) {
                page.add(listEntry(t));
            }
            total++;
        }
        return new Reply(page, total);
    }

    private Object clusterTasks(Call c) {
        boolean seeAll = sim.access.has(c.principal(), "/", "Sys.Audit");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String node : sim.tasks.nodesWithTasks()) {
            int n = 0;
            for (Task t : sim.tasks.tasksOf(node)) {
                if (n >= 50) {
                    break;
                }
                if (seeAll || owner(c.principal(), t)) {
                    Map<String, Object> e = listEntry(t);
                    e.put("saved", t.running() ? "0" : "1");
                    out.add(e);
                    n++;
                }
            }
        }
        out.sort((a, b) -> Long.compare((Long) b.get("starttime"), (Long) a.get("starttime")));
        return out;
    }
}
