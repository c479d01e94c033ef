package com.redcoral.edge.node;

import com.redcoral.edge.ledger.Commit;
import java.util.List;

/** One group commit once durable, as the writer hands it to the broadcaster: its parts, in order. */
record CommittedBatch(List<Commit> commits) {}
