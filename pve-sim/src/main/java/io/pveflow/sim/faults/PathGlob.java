package io.pveflow.sim.faults;

import java.util.regex.Pattern;

/** {@code /nodes/*}{@code /qemu/**}: {@code *} matches one path segment, {@code **} any number. */
final class PathGlob {

    private PathGlob() {
    }

    static Pattern compile(String glob) {
        if (glob == null || glob.isBlank()) {
            return Pattern.compile(".*");
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i += 2;
                    continue;
                }
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(regex.toString());
    }

    static boolean methodMatches(String ruleMethod, String method) {
        return ruleMethod == null || ruleMethod.equals("*") || ruleMethod.equalsIgnoreCase(method);
    }
}
