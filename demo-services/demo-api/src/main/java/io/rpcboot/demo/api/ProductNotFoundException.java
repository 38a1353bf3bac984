package io.rpcboot.demo.api;

/**
 * Thrown when the catalogue has no product with the requested SKU. Declared by
 * {@link CatalogService} methods, so it reaches remote callers as this type with its
 * message.
 */
public class ProductNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message. rpcboot uses this constructor to
     * recreate the exception on the caller's side.
     * @param message the message, which names the SKU
     */
    public ProductNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a SKU.
     * @param sku the SKU that was not found
     * @return the exception
     */
    public static ProductNotFoundException forSku(String sku) {
        return new ProductNotFoundException("No product with SKU '" + sku + "'");
    }

}
