package com.redcoral.edge.node;

import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.StoreBackup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON of the admin's replies, shared by the node ({@code pos.admin.verify}, {@code pos.admin.backup})
 * and the offline {@code admin restore}, which reports in the same shapes.
 */
public final class AdminJson {

    private AdminJson() {}

    /**
     * A full check: {@code {success: true, ok, head_sequence, events_checked, orders_checked, elapsed_ms,
     * problems: [{sequence, order_id, message}]}}; {@code ok} is true exactly when {@code problems} is empty.
     */
    public static JsonObject verifyReport(long headSequence, LedgerVerifier.Report report) {
        JsonArray problems = new JsonArray();
        report.problems().forEach(p -> problems.add(new JsonObject().put("sequence", p.sequence())
                .put("order_id", p.orderId()).put("message", p.message())));
        return new JsonObject().put("success", true).put("ok", report.ok()).put("head_sequence", headSequence)
                .put("events_checked", report.eventsChecked()).put("orders_checked", report.ordersChecked())
                .put("elapsed_ms", report.elapsed().toMillis()).put("problems", problems);
    }

    /**
     * What a backup (or restore) copied: {@code {success: true, backup_id, folder, head_sequence, head_hash,
     * column_families, files: [{name, bytes}], files_total, bytes_total, elapsed_ms}}.
     */
    public static JsonObject backup(String backupId, String folder, StoreBackup.Copied copied, long elapsedMs) {
        JsonArray files = new JsonArray();
        copied.files().forEach(f -> files.add(new JsonObject().put("name", f.name()).put("bytes", f.bytes())));
        return new JsonObject().put("success", true).put("backup_id", backupId).put("folder", folder)
                .put("head_sequence", copied.head().sequence()).put("head_hash", copied.head().hash())
                .put("column_families", new JsonArray(copied.columnFamilies())).put("files", files)
                .put("files_total", copied.files().size()).put("bytes_total", copied.bytes())
                .put("elapsed_ms", elapsedMs);
    }
}
