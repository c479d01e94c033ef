package com.redcoral.edge.resource;

import java.nio.file.Path;

class InMemoryResourceStoreTest implements ResourceStoreContract {

    private final InMemoryResourceStore store = new InMemoryResourceStore();

    @Override
    public ResourceStore openStore(Path dir) {
        return store;
    }

    @Override
    public ResourceStore reopen(Path dir) {
        return store;
    }
}
