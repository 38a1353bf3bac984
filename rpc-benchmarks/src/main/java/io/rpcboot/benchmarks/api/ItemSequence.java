package io.rpcboot.benchmarks.api;

import io.rpcboot.benchmarks.grpc.proto.ItemMessage;

/**
 * Checks a stream of items as it arrives: the items of {@code StreamService.stream}, in
 * order and complete. One stream's elements arrive one after another (not at once), so it
 * needs no locking; read the result after the stream ended.
 */
public final class ItemSequence {

    private final int expected;

    private long nextId;

    private int received;

    private boolean inOrder = true;

    /**
     * Creates the check of a stream.
     * @param firstId the first item's id
     * @param n how many items the stream should bring
     */
    public ItemSequence(long firstId, int n) {
        this.nextId = firstId;
        this.expected = n;
    }

    /**
     * Checks the next item.
     * @param item the item
     */
    public void accept(Item item) {
        this.inOrder &= item.equals(Workload.item(this.nextId++));
        this.received++;
    }

    /**
     * Checks the next protobuf item.
     * @param item the item
     */
    public void accept(ItemMessage item) {
        this.inOrder &= item.equals(Workload.message(this.nextId++));
        this.received++;
    }

    /**
     * Returns whether every item came, in order, and no more.
     * @return whether the stream was right
     */
    public boolean isComplete() {
        return this.inOrder && this.received == this.expected;
    }

}
