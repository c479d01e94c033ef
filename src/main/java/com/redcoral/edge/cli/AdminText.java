package com.redcoral.edge.cli;

import com.redcoral.edge.order.Money;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the admin commands print for people: amounts, times, sizes, counts and aligned tables. */
final class AdminText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private AdminText() {}

    /** Minor units as the store shows money: 300 → 3.00. */
    static String amount(JsonObject json, String field) {
        Long value = json.getLong(field);
        return value == null ? "-" : Money.text(value);
    }

    /** An epoch-millisecond time in this machine's time zone; "-" when absent. */
    static String time(Long epochMs) {
        return epochMs == null ? "-" : TIME.format(Instant.ofEpochMilli(epochMs));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String plural(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** Label-value lines with the values aligned: {@code label     value}. */
    static void field(PrintWriter out, String label, Object value) {
        out.println(String.format(Locale.ROOT, "%-10s %s", label, value).stripTrailing());
    }

    /** Rows printed as columns, each as wide as its widest cell; {@code right} columns aligned right. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final boolean[] right;

        Table(String... header) {
            rows.add(header);
            right = new boolean[header.length];
        }

        Table right(int... columns) {
            for (int c : columns) {
                right[c] = true;
            }
            return this;
        }

        Table row(Object... cells) {
            String[] row = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = orDash(cells[i]);
            }
            rows.add(row);
            return this;
        }

        void print(PrintWriter out) {
            int[] widths = new int[right.length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    String cell = row[i];
                    String pad = " ".repeat(widths[i] - cell.length());
                    line.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + pad);
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
