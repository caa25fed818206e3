package io.pveflow.sim.state;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes in PVE's notation ({@code 32G}, {@code 512M}, {@code +2G}). */
public final class Sizes {

    public static final long KIB = 1024L;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;
    public static final long TIB = GIB * 1024;

    private static final Pattern SIZE = Pattern.compile("(\\+)?(\\d+(?:\\.\\d+)?)([KMGT])?");

    private Sizes() {
    }

    /** Parses {@code 32G} (absolute) into bytes; a leading {@code +} is ignored here. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("unable to parse size '" + text + "'");
        }
        double number = Double.parseDouble(m.group(2));
        String unit = m.group(3);
        long factor = unit == null ? 1 : switch (unit) {
            case "K" -> KIB;
            case "M" -> MIB;
            case "G" -> GIB;
            default -> TIB;
        };
        return (long) (number * factor);
    }

    public static boolean isIncrement(String text) {
        return text.trim().startsWith("+");
    }

    /** Formats bytes the way PVE writes {@code size=} in guest configs: the largest exact unit. */
    public static String format(long bytes) {
        if (bytes % TIB == 0 && bytes >= TIB) {
            return bytes / TIB + "T";
        }
        if (bytes % GIB == 0 && bytes >= GIB) {
            return bytes / GIB + "G";
        }
        if (bytes % MIB == 0 && bytes >= MIB) {
            return bytes / MIB + "M";
        }
        if (bytes % KIB == 0 && bytes >= KIB) {
            return bytes / KIB + "K";
        }
        return Long.toString(bytes);
    }

    /** {@code 32.00 GiB} as task logs print sizes. */
    public static String human(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
    }
}
