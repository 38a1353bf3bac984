package io.rpcboot.benchmarks.connections;

/**
 * Many clients of one server, each on a connection of its own, sharing one set of I/O
 * threads as the clients of one process would. A connection opens on its first call.
 */
public interface ConnectionFleet extends AutoCloseable {

    /**
     * Returns how many clients there are.
     * @return the count
     */
    int size();

    /**
     * Sends {@code Workload.item(id)} (or its protobuf message) through one client and
     * checks that the same item comes back.
     * @param client which client, from 0 to {@link #size()} - 1
     * @param id the item's id
     * @return whether the answer equals what was sent
     */
    boolean echo(int client, long id);

    /**
     * Closes every client and its connection.
     */
    @Override
    void close();

}
