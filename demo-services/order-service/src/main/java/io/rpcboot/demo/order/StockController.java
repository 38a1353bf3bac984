package io.rpcboot.demo.order;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.rpcboot.RpcException;
import io.rpcboot.demo.api.InventoryService;
import io.rpcboot.demo.api.UnknownSkuException;

/**
 * {@code GET /stock/{sku}/events}: a product's stock level as server-sent events, for
 * browsers ({@code new EventSource("/stock/MUG/events")}) and {@code curl -N}. The levels
 * come from the inventory's {@link InventoryService#watch(String)} stream, over rpcboot.
 */
@RestController
public class StockController {

    // As long as a unary call to the inventory may take (rpc.client.timeout's default).
    private static final Duration FIRST_LEVEL_TIMEOUT = Duration.ofSeconds(10);

    private final InventoryService inventory;

    private final Duration heartbeat;

    /**
     * Creates the controller.
     * @param inventory the inventory service
     * @param heartbeat how long a stream may stay silent before a comment is sent, to
     * notice browsers that left ({@code order.stock-events.heartbeat}, 15 seconds by
     * default)
     */
    public StockController(InventoryService inventory,
            @Value("${order.stock-events.heartbeat:15s}") Duration heartbeat) {
        this.inventory = inventory;
        this.heartbeat = heartbeat;
    }

    /**
     * Streams a product's stock level: an event with the current level, then one after
     * every change, each with the level as JSON ({@code sku}, {@code available},
     * {@code at}).
     * @param sku the stock keeping unit
     * @return the events; {@code 404} for a SKU the inventory does not hold, {@code 503}
     * when the inventory is unavailable
     */
    @GetMapping(path = "/stock/{sku}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stockEvents(@PathVariable String sku) {
        StockEventStream stream = StockEventStream.open(sku, this.inventory.watch(sku), this.heartbeat,
                FIRST_LEVEL_TIMEOUT);
        try {
            return stream.awaitFirstLevel();
        }
        catch (UnknownSkuException ex) {
            throw OrderProblems.unknownProduct(sku, ex);
        }
        catch (RpcException ex) {
            throw RemoteServiceException.of("inventory", ex);
        }
    }

}
