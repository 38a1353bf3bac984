package io.rpcboot.demo.api;

/**
 * Thrown when the inventory holds no product with the requested SKU. Declared by
 * {@link InventoryService#watch(String)}, so it reaches remote callers as this type with
 * its message.
 * <p>
 * Unchecked because that method returns a stream: the exception ends the stream and is
 * never thrown by the call itself, so callers should not be forced to catch it there.
 * rpcboot transports it because the method declares it, checked or not.
 */
public class UnknownSkuException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message. rpcboot uses this constructor to
     * recreate the exception on the caller's side.
     * @param message the message, which names the SKU
     */
    public UnknownSkuException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a SKU.
     * @param sku the SKU that the inventory does not hold
     * @return the exception
     */
    public static UnknownSkuException forSku(String sku) {
        return new UnknownSkuException("The inventory holds no product with SKU '" + sku + "'");
    }

}
