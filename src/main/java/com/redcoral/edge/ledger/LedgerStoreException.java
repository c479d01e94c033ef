package com.redcoral.edge.ledger;

/** The store could not do what was asked: a failed or refused disk write or read. */
public final class LedgerStoreException extends RuntimeException {

    public LedgerStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public LedgerStoreException(String message) {
        super(message);
    }
}
