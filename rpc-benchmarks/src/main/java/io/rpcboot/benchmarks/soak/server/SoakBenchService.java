package io.rpcboot.benchmarks.soak.server;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.benchmarks.api.WorkloadBenchService;

/**
 * The benchmark's service, as the rpcboot stack's server exports it: what the
 * well-behaved load calls.
 */
@RpcService
class SoakBenchService extends WorkloadBenchService {

}
