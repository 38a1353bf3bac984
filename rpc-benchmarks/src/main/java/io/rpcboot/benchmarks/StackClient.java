package io.rpcboot.benchmarks;

/**
 * The caller side of one stack, as the load generator drives it. Each method makes one
 * remote call from the calling thread and checks its answer; many threads call at once.
 */
public interface StackClient extends AutoCloseable {

    /**
     * Sends {@code Workload.item(id)} (or its protobuf message) and checks that the same
     * item comes back.
     * @param id the item's id
     * @return whether the answer equals what was sent
     */
    boolean echo(long id);

    /**
     * Asks for {@code n} items and checks the answer.
     * @param n how many
     * @return whether {@code n} items came back, the last one as expected
     */
    boolean list(int n);

    /**
     * Closes the client's connections and its application, if any.
     */
    @Override
    void close();

}
