package io.pveflow.pve.client;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns what Proxmox said into a {@link PveErrorCode}. Proxmox reports most failures as HTTP 500 with a text,
 * and task failures only as the text of {@code exitstatus}, so the text decides; the HTTP status decides first
 * where it is specific. The same rules classify both, because a designer should not care whether PVE failed
 * before or inside the worker (that placement differs between qemu and lxc, see the behaviour notes).
 */
public final class PveErrors {

    private record Rule(Pattern pattern, PveErrorCode code) {
    }

    // Order matters: "can't lock file ... got timeout" is a lock, not a timeout; "VM 100 already running"
    // must not be read as "not running".
    private static final List<Rule> RULES = List.of(
            rule("\\bis locked\\b|can't lock file|lock-\\d+\\.conf", PveErrorCode.LOCKED),
            rule("\\balready running\\b", PveErrorCode.ALREADY_RUNNING),
            rule("\\bnot running\\b", PveErrorCode.NOT_RUNNING),
            rule("does not exist|\\bno such\\b|not found|unable to find configuration file|hostname lookup .* failed",
                    PveErrorCode.NOT_FOUND),
            rule("already exists|already used|already defined", PveErrorCode.CONFLICT),
            rule("can't migrate running|only be migrated in restart mode|if (the )?(VM|CT) is running"
                    + "|template to a template|is paused", PveErrorCode.CONFLICT),
            rule("^Permission check failed|permission denied", PveErrorCode.PERMISSION),
            rule("^Parameter verification failed|type check \\(|does not have a value in the enumeration"
                    + "|property is missing|not defined in schema|reserved name|shrinking disks|unable to shrink",
                    PveErrorCode.INVALID_PARAM),
            rule("No route to host|Connection refused|Connection timed out|connection reset|unable to connect",
                    PveErrorCode.CONNECTION),
            rule("\\btimeout\\b|timed out", PveErrorCode.TIMEOUT));

    private static Rule rule(String regex, PveErrorCode code) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), code);
    }

    private PveErrors() {
    }

    /** The code of an HTTP error answer: status first, then the message text. */
    public static PveErrorCode classify(int status, String message) {
        switch (status) {
            case 401:
                return PveErrorCode.AUTH;
            case 403:
                return PveErrorCode.PERMISSION;
            case 595:
            case 596:
                return PveErrorCode.CONNECTION;
            case 501:
                // an unknown method or path: this client and the server disagree about the API
                return PveErrorCode.SERVER;
            default:
                break;
        }
        PveErrorCode byText = classifyText(message);
        if (status == 400) {
            // a task that is not visible yet (or any more) answers 400 "no such task"
            return byText == PveErrorCode.NOT_FOUND ? PveErrorCode.NOT_FOUND : PveErrorCode.INVALID_PARAM;
        }
        return byText;
    }

    /**
     * The code of a finished task's exit status, or {@code null} when the task succeeded ({@code OK} or
     * {@code WARNINGS: N}).
     */
    public static PveErrorCode classifyExitStatus(String exitStatus) {
        if (isSuccess(exitStatus)) {
            return null;
        }
        return classifyText(exitStatus);
    }

    /** Whether a task exit status means success: only {@code OK} and {@code WARNINGS: N} do. */
    public static boolean isSuccess(String exitStatus) {
        return exitStatus != null && (exitStatus.equals("OK") || exitStatus.startsWith("WARNINGS"));
    }

    /** Classification by text alone; {@link PveErrorCode#SERVER} when no rule matches. */
    public static PveErrorCode classifyText(String message) {
        if (message == null) {
            return PveErrorCode.SERVER;
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(message).find()) {
                return rule.code();
            }
        }
        return PveErrorCode.SERVER;
    }
}
