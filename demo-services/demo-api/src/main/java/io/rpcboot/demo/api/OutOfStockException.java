package io.rpcboot.demo.api;

/**
 * Thrown when there is not enough stock for a reservation. Declared by
 * {@link InventoryService#reserve(String, int)}, so it reaches remote callers as this
 * type with its message.
 * <p>
 * Unchecked because that method is asynchronous: the exception completes the returned
 * future and is never thrown by the call itself, so callers should not be forced to catch
 * it there. rpcboot transports it because the method declares it, checked or not.
 */
public class OutOfStockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message. rpcboot uses this constructor to
     * recreate the exception on the caller's side.
     * @param message the message, which names the SKU
     */
    public OutOfStockException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a reservation that could not be made.
     * @param sku the SKU
     * @param requested the quantity asked for
     * @param available the quantity in stock
     * @return the exception
     */
    public static OutOfStockException forSku(String sku, int requested, int available) {
        return new OutOfStockException(
                "Not enough stock of '" + sku + "': " + requested + " requested, " + available + " available");
    }

}
