package com.redcoral.edge.kitchen;

import java.nio.file.Path;

class InMemoryKitchenStoreTest implements KitchenStoreContract {

    private final InMemoryKitchenStore store = new InMemoryKitchenStore();

    @Override
    public KitchenStore openStore(Path dir) {
        return store;
    }

    @Override
    public KitchenStore reopen(Path dir) {
        return store;
    }
}
