package io.rpcboot.benchmarks.rpcboot.server;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.benchmarks.api.WorkloadBenchService;

/**
 * The workload's service, exported by the rpcboot server.
 */
@RpcService
class ExportedBenchService extends WorkloadBenchService {

}
