package it;

import java.time.Instant;

import io.rpcboot.annotation.RpcService;

@RpcService
public class Clock implements ClockService {

    @Override
    public Instant now() {
        return Instant.now();
    }

}
