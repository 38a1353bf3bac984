package io.rpcboot.demo.order;

/**
 * The body of {@code POST /orders}.
 *
 * @param sku the product to order
 * @param quantity how many items, at least 1
 */
public record OrderRequest(String sku, int quantity) {

    /**
     * Validates the request.
     * @throws IllegalArgumentException when the SKU is blank or the quantity below 1
     */
    public OrderRequest {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku is required");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }

}
